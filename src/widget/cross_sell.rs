//! "Often bought together" in the drawer. Asked for when the drawer opens with
//! nothing cached for the cart, and again while it is open and the cart changes,
//! once per burst of changes; never while closed. Products already shown go out as
//! `excludeProductIds`, so the next round brings new ones. Nothing relevant (204),
//! an upstream error or a timeout hide the section; the drawer goes on working.

use cartlift_contract::{Badge, Product};
use leptos::prelude::*;

use super::proxy::CardEvent;
use super::{follow_after, CrossSellCache, Debounce, WidgetContext};
use crate::i18n::{localized, localized_for, Msg, Text};
use crate::money::{discount_percent, format_money, image_or_art};

/// Stock at or below this shows "Low stock".
const LOW_STOCK: i64 = 5;

#[derive(Clone)]
struct Section {
    ctx: WidgetContext,
    cache: CrossSellCache,
}

impl Section {
    fn fetch(&self, ids: Vec<String>) {
        let cache = self.cache;
        let round = cache.latest.get_value() + 1;
        cache.latest.set_value(round);
        let ctx = self.ctx.clone();
        leptos::task::spawn_local(async move {
            let exclude = cache.seen.get_value();
            let language = ctx.language.get_untracked();
            let answer = ctx.api.cross_sell(ids.clone(), exclude, language).await;
            if cache.latest.try_get_value() != Some(round) {
                return;
            }
            match answer {
                Ok(Some(r)) => {
                    cache
                        .seen
                        .update_value(|seen| seen.extend(r.products.iter().map(|p| p.id.clone())));
                    cache.cached_for.set_value(Some(ids));
                    let shown: Vec<(String, u32)> = r
                        .products
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (p.id.clone(), i as u32 + 1))
                        .collect();
                    cache.cards.set(r.products);
                    leptos::task::spawn_local(async move {
                        let _ = ctx.api.track_cross_sell(CardEvent::Impression, shown).await;
                    });
                }
                Ok(None) => {
                    cache.cached_for.set_value(Some(ids));
                    cache.cards.set(Vec::new());
                }
                // Not cached: the next opening asks again.
                Err(_) => cache.cards.set(Vec::new()),
            }
        });
    }
}

#[component]
pub fn CrossSellSection(ctx: WidgetContext) -> impl IntoView {
    let section = Section {
        ctx: ctx.clone(),
        cache: ctx.cross_sell,
    };
    let debounce = Debounce::new();
    let s = section.clone();
    Effect::new(move |was_open: Option<bool>| {
        let open = s.ctx.open.get();
        let ids: Option<Vec<String>> = s.ctx.cart.with(|c| {
            c.as_ref()
                .map(|c| c.items.iter().map(|i| i.id.clone()).collect())
        });
        let Some(ids) = ids.filter(|_| open) else {
            debounce.cancel();
            s.cache.seen.set_value(Vec::new());
            return false;
        };
        if s.cache.cached_for.get_value().as_ref() == Some(&ids) {
            return true;
        }
        if ids.is_empty() {
            s.cache.cards.set(Vec::new());
            return true;
        }
        if was_open == Some(true) {
            let s2 = s.clone();
            debounce.call(
                s.ctx.settings.with_untracked(|x| x.cross_sell_debounce_ms),
                move || s2.fetch(ids),
            );
        } else {
            // Just opened, with a cart the cached cards are not for: a fresh round.
            debounce.cancel();
            s.cache.seen.set_value(Vec::new());
            s.fetch(ids);
        }
        true
    });

    let lang = ctx.language;
    let cards = section.cache.cards;
    view! {
        <Show when=move || cards.with(|c| !c.is_empty())>
            <section class="cross-sell" aria-labelledby="cross-sell-title" data-testid="cross-sell">
                <h3 id="cross-sell-title">{localized(lang, Msg::OftenBoughtTogether)}</h3>
                <ul class="xs-cards">
                    {
                        let ctx = ctx.clone();
                        move || {
                            cards
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, p)| view! { <Card ctx=ctx.clone() product=p position=i as u32 + 1/> })
                                .collect_view()
                        }
                    }
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn Card(ctx: WidgetContext, product: Product, position: u32) -> impl IntoView {
    let lang = ctx.language;
    let can_add = ctx.host.can_add_to_cart(&product);
    let busy = move || ctx.in_flight.get() > 0;
    let id = product.id.clone();
    let open_card = {
        let ctx = ctx.clone();
        let (id, href) = (id.clone(), product.url.clone());
        move |ev| {
            let id = id.clone();
            let api = ctx.api.clone();
            follow_after(ev, href.clone(), async move {
                let _ = api
                    .track_cross_sell(CardEvent::Click, vec![(id, position)])
                    .await;
            });
            ctx.open.set(false);
        }
    };
    let add = {
        let ctx = ctx.clone();
        let product = product.clone();
        move |_| {
            let id = product.id.clone();
            let api = ctx.api.clone();
            leptos::task::spawn_local(async move {
                let _ = api
                    .track_cross_sell(CardEvent::Add, vec![(id, position)])
                    .await;
            });
            let ctx2 = ctx.clone();
            let op = ctx
                .host
                .add_to_cart(product.id.clone(), 1, product.external_id.clone());
            let name = product.name.clone();
            let before = ctx.cart.get_untracked();
            ctx.in_flight.update(|n| *n += 1);
            leptos::task::spawn_local(async move {
                let result = op.await;
                ctx2.in_flight.update(|n| *n = n.saturating_sub(1));
                if result.success && result.notice.is_none() {
                    ctx2.toasts.info(format!(
                        "{}: {name}",
                        ctx2.language.get_untracked().t(Msg::Added)
                    ));
                }
                ctx2.apply(result, before);
            });
        }
    };
    let price = product.sale_price.unwrap_or(product.price);
    let discount = discount_percent(product.price, product.sale_price);
    let low_stock = product.stock_count.is_some_and(|s| s > 0 && s <= LOW_STOCK);
    let bestseller = product.badge == Some(Badge::Bestseller);
    let image = ctx
        .api
        .asset(image_or_art(product.image_url.as_deref(), &product.id));
    let name = product.name.clone();
    view! {
        <li
            class="xs-card"
            data-testid="cross-sell-card"
            data-product-id=product.id.clone()
            data-external-id=product.external_id.clone().unwrap_or_default()
        >
            <a class="xs-link" href=product.url.clone() on:click=open_card>
                <img class="xs-image" src=image alt="" width="96" height="96" loading="lazy"/>
                <span class="xs-name">{product.name.clone()}</span>
            </a>
            <div class="xs-badges">
                {bestseller.then(|| view! { <span class="badge">{localized(lang, Msg::Bestseller)}</span> })}
                {low_stock
                    .then(|| view! { <span class="badge badge-warn" data-testid="low-stock">{localized(lang, Msg::LowStock)}</span> })}
            </div>
            <p class="xs-price">
                {discount
                    .map(|d| {
                        view! {
                            <s class="was">{format_money(product.price, &product.currency)}</s>
                            <span class="off">{format!("-{d}%")}</span>
                        }
                    })}
                <span class="now">{format_money(price, &product.currency)}</span>
            </p>
            {product.ai_reason.clone().map(|r| view! { <p class="xs-reason">{r}</p> })}
            <button
                class="xs-add"
                data-testid="cross-sell-add"
                aria-label=localized_for(lang, Msg::Add, name.clone())
                disabled=move || !can_add || busy()
                on:click=add
            >
                {localized(lang, Msg::Add)}
            </button>
        </li>
    }
}
