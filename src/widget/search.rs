//! The search box and its answer: results, the agent's reply with quick-reply
//! chips, and the one cart action the agent may ask for. Nothing changes the cart
//! without the shopper's yes, except the destination country, which is set
//! silently through the host's callback as the reference documents say.

use cartlift_contract::{
    CartAction, CartActionType, CartState, Product, SearchResponse, Suggestion,
};
use leptos::either::Either;
use leptos::prelude::*;

use super::{follow_after, Debounce, WidgetContext};
use crate::i18n::{localized, localized_for, Msg};
use crate::money::{discount_percent, format_money, image_or_art};

/// Completions wait for a pause in typing this long.
const COMPLETION_DEBOUNCE_MS: u32 = 150;

#[derive(Clone)]
struct Assistant {
    ctx: WidgetContext,
    answer: RwSignal<Option<SearchResponse>>,
    /// The action waiting for the shopper's answer.
    action: RwSignal<Option<CartAction>>,
    completions: RwSignal<Vec<Suggestion>>,
    pending: RwSignal<bool>,
    conversation: StoredValue<Option<String>>,
    /// Only the latest turn's answer is shown.
    latest: StoredValue<u64>,
}

impl Assistant {
    fn ask(&self, query: String) {
        let query = query.trim().to_string();
        if query.is_empty() {
            return;
        }
        let turn = self.latest.get_value() + 1;
        self.latest.set_value(turn);
        self.completions.set(Vec::new());
        self.pending.set(true);
        let a = self.clone();
        leptos::task::spawn_local(async move {
            let language = a.ctx.language.get_untracked();
            // No cart, no snapshot: with the cart switched off the agent only searches.
            let cart = if a.ctx.settings.with_untracked(|s| s.cart_enabled) {
                a.ctx.cart.get_untracked()
            } else {
                None
            };
            let answer = a
                .ctx
                .api
                .search(query, language, a.conversation.get_value(), cart)
                .await;
            if a.latest.try_get_value() != Some(turn) {
                return;
            }
            a.pending.set(false);
            match answer {
                Ok(r) => {
                    a.conversation.set_value(r.conversation_id.clone());
                    let cart_enabled = a.ctx.settings.with_untracked(|s| s.cart_enabled);
                    match r.cart_action.clone().filter(|_| cart_enabled) {
                        Some(act) if act.kind == CartActionType::SetDestinationCountry => {
                            a.action.set(None);
                            if let Some(code) = act.country_code {
                                a.ctx.set_destination(code);
                            }
                        }
                        other => a.action.set(other),
                    }
                    a.answer.set(Some(r));
                }
                Err(e) => {
                    a.ctx.toasts.error(e.to_string());
                }
            }
        });
    }

    fn complete(&self, typed: String) {
        let a = self.clone();
        leptos::task::spawn_local(async move {
            if let Ok(r) = a.ctx.api.completions(typed).await {
                a.completions.set(r.suggestions);
            }
        });
    }

    /// The shopper said yes to the action.
    fn confirm(&self, act: CartAction) {
        self.action.set(None);
        let ctx = &self.ctx;
        let host = ctx.host.clone();
        match act.kind {
            CartActionType::AddSuggestion => {
                let Some(id) = act
                    .product_id
                    .or(act.product.as_ref().map(|p| p.id.clone()))
                else {
                    return;
                };
                let external = act.external_product_id.or(act.external_id);
                ctx.run(
                    None,
                    host.add_to_cart(id, act.new_quantity.unwrap_or(1).max(1), external),
                );
            }
            CartActionType::Remove => {
                let Some(key) = act.item_key else { return };
                let optimistic = ctx.cart.get_untracked().map(|mut c: CartState| {
                    c.items.retain(|i| i.key != key);
                    c.total_items = c.items.iter().map(|i| i.quantity).sum();
                    c
                });
                ctx.run(optimistic, host.remove_from_cart(key));
            }
            CartActionType::UpdateQuantity => {
                let (Some(key), Some(q)) = (act.item_key, act.new_quantity) else {
                    return;
                };
                ctx.run(None, host.update_quantity(key, q));
            }
            CartActionType::Clear => ctx.clear_cart(),
            CartActionType::SetDestinationCountry => {
                if let Some(code) = act.country_code {
                    ctx.set_destination(code);
                }
            }
        }
    }
}

/// A search box with its answer panel. `place` names it in ids and test ids
/// ("header", "drawer").
#[component]
pub fn SearchAssistant(place: &'static str) -> impl IntoView {
    let ctx = expect_context::<WidgetContext>();
    let a = Assistant {
        ctx: ctx.clone(),
        answer: RwSignal::new(None),
        action: RwSignal::new(None),
        completions: RwSignal::new(Vec::new()),
        pending: RwSignal::new(false),
        conversation: StoredValue::new(None),
        latest: StoredValue::new(0),
    };
    let lang = ctx.language;
    let text = RwSignal::new(String::new());
    let debounce = Debounce::new();
    let input_id = format!("assistant-input-{place}");
    let panel_id = format!("assistant-panel-{place}");

    let on_submit = {
        let a = a.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            debounce.cancel();
            a.ask(text.get_untracked());
        }
    };
    let on_input = {
        let a = a.clone();
        move |ev: leptos::ev::Event| {
            let typed = event_target_value(&ev);
            text.set(typed.clone());
            if typed.trim().chars().count() < 2 {
                debounce.cancel();
                a.completions.set(Vec::new());
                return;
            }
            let a = a.clone();
            debounce.call(COMPLETION_DEBOUNCE_MS, move || a.complete(typed));
        }
    };
    let answer = a.answer;
    let completions = a.completions;
    let pending = a.pending;
    let (a_list, a_panel) = (a.clone(), a.clone());

    view! {
        <div class=format!("assistant assistant-{place}") data-testid=format!("assistant-{place}")>
            // Before the page hydrates the form still works: it opens the listing.
            <form class="assistant-form" role="search" action="/products" method="get" on:submit=on_submit>
                <label class="visually-hidden" for=input_id.clone()>{localized(lang, Msg::AskLabel)}</label>
                <input
                    id=input_id
                    type="search"
                    name="q"
                    autocomplete="off"
                    aria-controls=panel_id.clone()
                    placeholder=localized(lang, Msg::AskPlaceholder)
                    prop:value=move || text.get()
                    on:input=on_input
                    data-testid="assistant-input"
                />
                <button type="submit" class="assistant-go" aria-busy=move || pending.get().to_string()>
                    {localized(lang, Msg::Search)}
                </button>
            </form>
            <Show when=move || completions.with(|c| !c.is_empty())>
                <ul class="completions" data-testid="completions">
                    {
                        let a = a_list.clone();
                        move || {
                            completions
                                .get()
                                .into_iter()
                                .map(|s| {
                                    let a = a.clone();
                                    let q = s.text.clone();
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="completion"
                                                on:click=move |_| {
                                                    text.set(q.clone());
                                                    a.ask(q.clone());
                                                }
                                            >
                                                <span>{s.text.clone()}</span>
                                                {s.count.map(|n| view! { <span class="count">{n}</span> })}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }
                    }
                </ul>
            </Show>
            <div id=panel_id class="assistant-panel-slot" aria-live="polite">
                <Show when=move || answer.with(Option::is_some)>
                    <AnswerPanel a=a_panel.clone() text=text/>
                </Show>
            </div>
        </div>
    }
}

#[component]
fn AnswerPanel(a: Assistant, text: RwSignal<String>) -> impl IntoView {
    let lang = a.ctx.language;
    let answer = a.answer;
    let action = a.action;
    let ask_chip = {
        let a = a.clone();
        move |q: String| {
            text.set(q.clone());
            a.ask(q);
        }
    };
    let results = {
        let a = a.clone();
        move || {
            let r = answer.get()?;
            let log = r.search_log_id.clone();
            Some(
                r.results
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| view! { <ResultRow a=a.clone() product=p position=i as u32 + 1 search_log_id=log.clone()/> })
                    .collect_view(),
            )
        }
    };
    let chips = move || {
        let r = answer.get()?;
        let ask = ask_chip.clone();
        let replies = r
            .quick_replies
            .unwrap_or_default()
            .into_iter()
            .map(|q| (q.label, q.query));
        let refinements = r
            .query_suggestions
            .unwrap_or_default()
            .into_iter()
            .map(|s| (s.query.clone(), s.query));
        Some(
            replies
                .chain(refinements)
                .map(|(label, query)| {
                    let ask = ask.clone();
                    view! {
                        <button type="button" class="chip" data-testid="quick-reply" on:click=move |_| ask(query.clone())>
                            {label}
                        </button>
                    }
                })
                .collect_view(),
        )
    };
    let see_all = move || {
        answer.with(|r| {
            r.as_ref()
                .map(|r| format!("/products?q={}", urlencode(&r.query)))
                .unwrap_or_default()
        })
    };
    view! {
        <section class="assistant-panel" data-testid="assistant-panel">
            <button
                type="button"
                class="icon-button assistant-close"
                aria-label=localized(lang, Msg::CloseResults)
                on:click=move |_| {
                    answer.set(None);
                    action.set(None);
                }
            >
                "×"
            </button>
            <p class="ai-response" data-testid="ai-response">
                {move || answer.with(|r| r.as_ref().and_then(|r| r.ai_response.clone()).unwrap_or_default())}
            </p>
            <Show when=move || action.with(Option::is_some)>
                <ActionCard a=a.clone()/>
            </Show>
            <div class="chips">{chips}</div>
            <ul class="search-results">{results}</ul>
            <Show when=move || answer.with(|r| r.as_ref().is_some_and(|r| r.total > r.results.len() as u64))>
                <a class="see-all" href=see_all>{localized(lang, Msg::SeeAllResults)}</a>
            </Show>
        </section>
    }
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[component]
fn ResultRow(
    a: Assistant,
    product: Product,
    position: u32,
    search_log_id: String,
) -> impl IntoView {
    let ctx = a.ctx.clone();
    let lang = ctx.language;
    let can_add = ctx.host.can_add_to_cart(&product);
    let cart_enabled = ctx.settings.with_untracked(|s| s.cart_enabled);
    let busy = move || ctx.in_flight.get() > 0;
    let track = {
        let (log, id, api) = (search_log_id.clone(), product.id.clone(), ctx.api.clone());
        move |added: bool| {
            let (log, id, api) = (log.clone(), id.clone(), api.clone());
            leptos::task::spawn_local(async move {
                let _ = api.track_search_click(log, id, position, added).await;
            });
        }
    };
    let track_open = {
        let (log, id, href, api) = (
            search_log_id.clone(),
            product.id.clone(),
            product.url.clone(),
            ctx.api.clone(),
        );
        move |ev| {
            let (log, id, api) = (log.clone(), id.clone(), api.clone());
            follow_after(ev, href.clone(), async move {
                let _ = api.track_search_click(log, id, position, false).await;
            });
        }
    };
    let add = {
        let ctx = a.ctx.clone();
        let (id, external) = (product.id.clone(), product.external_id.clone());
        move |_| {
            track(true);
            ctx.run(None, ctx.host.add_to_cart(id.clone(), 1, external.clone()));
        }
    };
    let price = product.sale_price.unwrap_or(product.price);
    let name = product.name.clone();
    let image = a
        .ctx
        .api
        .asset(image_or_art(product.image_url.as_deref(), &product.id));
    view! {
        <li class="search-result" data-testid="search-result" data-product-id=product.id.clone()>
            <img src=image alt="" width="48" height="48" loading="lazy"/>
            <a class="result-name" href=product.url.clone() on:click=track_open>
                {product.name.clone()}
            </a>
            <span class="result-price">{format_money(price, &product.currency)}</span>
            {cart_enabled
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="result-add"
                            aria-label=localized_for(lang, Msg::Add, name.clone())
                            disabled=move || !can_add || busy()
                            on:click=add
                        >
                            {localized(lang, Msg::Add)}
                        </button>
                    }
                })}
        </li>
    }
}

/// The agent's proposal, waiting for a yes: a premium card for a suggested
/// product, an inline question for a change to one line, a destructive one for
/// emptying the cart.
#[component]
fn ActionCard(a: Assistant) -> impl IntoView {
    let lang = a.ctx.language;
    let action = a.action;
    move || {
        let act = action.get()?;
        let prompt = act.confirmation_prompt.clone().unwrap_or_default();
        let yes = {
            let (a, act) = (a.clone(), act.clone());
            move |_| a.confirm(act.clone())
        };
        let no = move |_| action.set(None);
        Some(match act.kind {
            CartActionType::AddSuggestion => {
                let p = act.product.clone()?;
                let price = p.sale_price.unwrap_or(p.price);
                let discount = discount_percent(p.price, p.sale_price);
                let image = a.ctx.api.asset(image_or_art(p.image_url.as_deref(), &p.id));
                let card = view! {
                    <div class="premium-card" data-testid="add-suggestion" role="group" aria-label=localized(lang, Msg::Suggested)>
                        <span class="premium-kicker">{localized(lang, Msg::Suggested)}</span>
                        <img src=image alt="" width="88" height="88"/>
                        <div class="premium-body">
                            <strong class="premium-name">{p.name.clone()}</strong>
                            <p class="premium-price">
                                {discount.map(|d| view! {
                                    <s class="was">{format_money(p.price, &p.currency)}</s>
                                    <span class="off">{format!("-{d}%")}</span>
                                })}
                                <span class="now">{format_money(price, &p.currency)}</span>
                            </p>
                            <p class="premium-prompt">{prompt}</p>
                            <div class="confirm-buttons">
                                <button type="button" class="cta" data-testid="confirm-action" on:click=yes>
                                    {localized(lang, Msg::AddToCart)}
                                </button>
                                <button type="button" class="link-button" data-testid="dismiss-action" on:click=no>
                                    {localized(lang, Msg::NoThanks)}
                                </button>
                            </div>
                        </div>
                    </div>
                };
                Either::Left(card)
            }
            CartActionType::Clear => Either::Right(view! {
                <Question prompt=prompt kind="destructive" role="alertdialog" test_id="confirm-clear" yes_class="danger" yes=Msg::EmptyCartConfirm no=Msg::KeepCart on_yes=yes on_no=no/>
            }),
            // REMOVE and UPDATE_QUANTITY: a question inline, yes or no.
            _ => Either::Right(view! {
                <Question prompt=prompt kind="inline" role="group" test_id="confirm-line" yes_class="cta" yes=Msg::Yes no=Msg::No on_yes=yes on_no=no/>
            }),
        })
    }
}

/// A yes-or-no question about the cart, its yes styled by what it does.
#[component]
fn Question(
    prompt: String,
    kind: &'static str,
    role: &'static str,
    test_id: &'static str,
    yes_class: &'static str,
    yes: Msg,
    no: Msg,
    on_yes: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_no: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let lang = expect_context::<WidgetContext>().language;
    let label = prompt.clone();
    view! {
        <div class=format!("confirm {kind}") role=role aria-label=label data-testid=test_id>
            <p>{prompt}</p>
            <div class="confirm-buttons">
                <button type="button" class=yes_class data-testid="confirm-action" on:click=on_yes>
                    {localized(lang, yes)}
                </button>
                <button type="button" class="link-button" data-testid="dismiss-action" on:click=on_no>
                    {localized(lang, no)}
                </button>
            </div>
        </div>
    }
}
