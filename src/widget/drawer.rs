use cartlift_contract::CartState;
use leptos::html;
use leptos::prelude::*;

use super::cross_sell::CrossSellSection;
use super::search::SearchAssistant;
use super::{Debounce, WidgetApi, WidgetContext};
use crate::i18n::{country_name, localized, localized_for, spend_more, Msg, Text};
#[cfg(not(feature = "embed"))]
use crate::settings::load_widget_settings;

/// The header cart button with its count, and the drawer it opens: an accessible
/// dialog (focus moves in and stays in, Escape closes, focus returns to the button).
/// `initial_count` is shown until the host's cart is first read.
#[component]
pub fn CartWidget(#[prop(optional)] initial_count: u32) -> impl IntoView {
    let ctx = expect_context::<WidgetContext>();
    let button = NodeRef::<html::Button>::new();
    let close_button = NodeRef::<html::Button>::new();
    let dialog = NodeRef::<html::Div>::new();
    let open = ctx.open;
    let lang = ctx.language;

    // On mount (in the browser only): read the cart, and listen for the host's own
    // cart changes. The storefront asks its server for the shop's settings first; an
    // embedding page gave them to `init`.
    let mount = ctx.clone();
    Effect::new(move |_| {
        mount.refresh_cart();
        let ctx = mount.clone();
        let owner = Owner::current();
        match ctx.api {
            #[cfg(feature = "embed")]
            WidgetApi::Direct { .. } => listen_for_host_changes(ctx, owner),
            #[cfg(not(feature = "embed"))]
            WidgetApi::ServerFunctions => leptos::task::spawn_local(async move {
                if let Ok(s) = load_widget_settings().await {
                    if !ctx.language_chosen.get_untracked() {
                        ctx.language.set(s.language);
                    }
                    ctx.settings.set(s);
                }
                listen_for_host_changes(ctx, owner);
            }),
        }
    });

    let count = {
        let cart = ctx.cart;
        move || cart.with(|c| c.as_ref().map_or(initial_count, |c| c.total_items))
    };
    let close = move || {
        open.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    Effect::new(move |_| {
        if open.get() {
            if let Some(b) = close_button.get() {
                let _ = b.focus();
            }
        }
    });

    let body = ctx.clone();
    view! {
        <button
            class="cart-button"
            node_ref=button
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            aria-label=move || format!("{} ({})", lang.get().t(Msg::OpenCart), count())
            on:click=move |_| open.set(true)
            data-testid="cart-button"
        >
            <svg class="cart-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path
                    d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 7H6.2"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="1.8"
                    stroke-linecap="round"
                    stroke-linejoin="round"
                ></path>
                <circle cx="9.5" cy="19" r="1.5" fill="currentColor"></circle>
                <circle cx="17" cy="19" r="1.5" fill="currentColor"></circle>
            </svg>
            <span class="cart-label">{localized(lang, Msg::Cart)}</span>
            <span class="cart-count" data-testid="cart-count" aria-hidden="true">{count}</span>
        </button>
        <Show when=move || open.get()>
            <div class="drawer-backdrop" on:click=move |_| close()></div>
            <div
                class="drawer"
                role="dialog"
                aria-modal="true"
                aria-labelledby="cart-drawer-title"
                data-testid="cart-drawer"
                node_ref=dialog
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        close();
                    } else if ev.key() == "Tab" {
                        trap_focus(&ev, dialog);
                    }
                }
            >
                <header class="drawer-header">
                    <h2 id="cart-drawer-title">{localized(lang, Msg::YourCart)}</h2>
                    <button
                        class="icon-button"
                        node_ref=close_button
                        aria-label=localized(lang, Msg::CloseCart)
                        on:click=move |_| close()
                    >
                        "×"
                    </button>
                </header>
                <DrawerBody ctx=body.clone()/>
            </div>
        </Show>
    }
}

#[component]
fn DrawerBody(ctx: WidgetContext) -> impl IntoView {
    let lang = ctx.language;
    let cart = ctx.cart;
    let has_items = move || cart.with(|c| c.as_ref().is_some_and(|c| !c.items.is_empty()));
    // Lines are keyed: a changed quantity updates its line in place, so the focus
    // stays on the stepper button the shopper pressed.
    let keys = move || {
        cart.with(|c| {
            c.as_ref()
                .map(|c| c.items.iter().map(|i| i.key.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let (c1, c3, c4) = (ctx.clone(), ctx.clone(), ctx.clone());
    view! {
        <div class="drawer-body">
            <SearchAssistant place="drawer"/>
            <Show when=move || cart.with(Option::is_none)>
                <p class="loading">{localized(lang, Msg::Loading)}</p>
            </Show>
            <Show when=move || cart.with(|c| c.as_ref().is_some_and(|c| c.items.is_empty()))>
                <p class="empty" data-testid="cart-empty">{localized(lang, Msg::EmptyCart)}</p>
            </Show>
            <Show when=has_items>
                <Shipping ctx=c1.clone()/>
                <ul class="cart-lines" data-testid="cart-lines">
                    <For each=keys key=|k| k.clone() let:key>
                        <CartLine key=key/>
                    </For>
                </ul>
                <CrossSellSection ctx=c3.clone()/>
            </Show>
        </div>
        <Show when=has_items>
            <Totals ctx=c4.clone()/>
        </Show>
    }
}

#[component]
fn CartLine(key: String) -> impl IntoView {
    let ctx = expect_context::<WidgetContext>();
    let lang = ctx.language;
    let cart = ctx.cart;
    let line_key = key.clone();
    let item = Memo::new(move |_| {
        cart.with(|c| {
            c.as_ref()
                .and_then(|c| c.items.iter().find(|i| i.key == line_key).cloned())
        })
    });
    let first = item.get_untracked()?;
    // While the host answers, the steppers refuse clicks but stay enabled: a
    // disabled button would lose the keyboard focus.
    let busy = move || ctx.in_flight.get() > 0;
    let qty = move || item.with(|i| i.as_ref().map_or(0, |i| i.quantity));
    let max = move || item.with(|i| i.as_ref().and_then(|i| i.max_quantity).unwrap_or(99).max(1));
    let change = {
        let ctx = ctx.clone();
        let key = key.clone();
        move |to: u32| {
            // Optimistic: the new quantity shows at once; the host's answer then
            // replaces the cart (or restores it, with a toast).
            let optimistic = ctx.cart.get_untracked().map(|mut c: CartState| {
                if let Some(i) = c.items.iter_mut().find(|i| i.key == key) {
                    c.total_items = c.total_items + to - i.quantity;
                    i.quantity = to;
                }
                c
            });
            ctx.run(optimistic, ctx.host.update_quantity(key.clone(), to));
        }
    };
    let less = change.clone();
    let remove = {
        let ctx = ctx.clone();
        let key = key.clone();
        move |_| {
            let optimistic = ctx.cart.get_untracked().map(|mut c: CartState| {
                c.items.retain(|i| i.key != key);
                c.total_items = c.items.iter().map(|i| i.quantity).sum();
                c
            });
            ctx.run(optimistic, ctx.host.remove_from_cart(key.clone()));
        }
    };
    let (name, name2, name3) = (first.name.clone(), first.name.clone(), first.name.clone());
    Some(view! {
        <li class="cart-line" data-testid="cart-line" data-product-id=first.id.clone()>
            <img class="line-image" src=first.image.clone().unwrap_or_default() alt="" width="56" height="56"/>
            <div class="line-info">
                <a class="line-name" href=first.url.clone().unwrap_or_default()>{first.name.clone()}</a>
                {first.variant.clone().map(|v| view! { <span class="line-variant">{v}</span> })}
                <span class="line-price">{move || item.with(|i| i.as_ref().map(|i| i.price.clone()).unwrap_or_default())}</span>
            </div>
            <div class="stepper" role="group" aria-label=move || format!("{}: {}", lang.get().t(Msg::Quantity), name)>
                <button
                    class="step"
                    aria-label=localized_for(lang, Msg::Decrease, name2.clone())
                    disabled=move || { qty() <= 1 }
                    aria-disabled=move || busy().to_string()
                    on:click=move |_| {
                        if !busy() {
                            less(qty() - 1)
                        }
                    }
                >
                    "−"
                </button>
                <span class="qty" data-testid="line-quantity">{qty}</span>
                <button
                    class="step"
                    aria-label=localized_for(lang, Msg::Increase, name3.clone())
                    disabled=move || { qty() >= max() }
                    aria-disabled=move || busy().to_string()
                    on:click=move |_| {
                        if !busy() {
                            change(qty() + 1)
                        }
                    }
                >
                    "+"
                </button>
            </div>
            <button
                class="line-remove"
                aria-label=localized_for(lang, Msg::Remove, first.name.clone())
                disabled=busy
                on:click=remove
            >
                "×"
            </button>
        </li>
    })
}

#[component]
fn Shipping(ctx: WidgetContext) -> impl IntoView {
    let lang = ctx.language;
    let cart = ctx.cart;
    let info = Memo::new(move |_| cart.with(|c| c.as_ref().and_then(|c| c.shipping.clone())));
    let percent = move || {
        info.with(|s| match s {
            Some(s) if s.free_shipping_threshold > 0.0 => {
                (s.current_amount / s.free_shipping_threshold * 100.0).clamp(0.0, 100.0)
            }
            _ => 100.0,
        })
    };
    let text = move || match info.get() {
        Some(s) if s.threshold_met => lang.get().t(Msg::FreeShippingMet).to_string(),
        Some(s) => spend_more(lang.get(), &s.formatted_delta),
        None => String::new(),
    };
    let destination = move || {
        info.with(|s| {
            s.as_ref()
                .and_then(|s| s.destination_country.clone())
                .unwrap_or_default()
        })
    };
    let countries = info
        .get_untracked()
        .map(|s| s.available_countries)
        .unwrap_or_default();
    let on_change = move |ev: leptos::ev::Event| {
        ctx.set_destination(event_target_value(&ev));
    };
    view! {
        <Show when=move || info.with(Option::is_some)>
            <div class="shipping" data-testid="shipping">
                <p class="shipping-text">{text}</p>
                <div
                    class="progress"
                    role="progressbar"
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=move || format!("{:.0}", percent())
                    aria-label=localized(lang, Msg::FreeShippingProgress)
                >
                    <span style=move || format!("width: {:.0}%", percent())></span>
                </div>
                {(!countries.is_empty())
                    .then(|| {
                        let on_change = on_change.clone();
                        view! {
                            <label class="ship-to">
                                {localized(lang, Msg::ShipTo)}
                                <select data-testid="ship-to" prop:value=destination on:change=on_change>
                                    <option value="" disabled=true>"—"</option>
                                    {countries
                                        .iter()
                                        .map(|code| {
                                            let c = code.clone();
                                            view! { <option value=code.clone()>{move || country_name(lang.get(), &c)}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </label>
                        }
                    })}
            </div>
        </Show>
    }
}

#[component]
fn Totals(ctx: WidgetContext) -> impl IntoView {
    let lang = ctx.language;
    let cart = ctx.cart;
    let field = move |f: fn(&CartState) -> String| {
        move || cart.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    let checkout = move |_| {
        ctx.open.set(false);
        ctx.host.checkout();
    };
    view! {
        <footer class="drawer-footer">
            <dl class="totals">
                <dt>{localized(lang, Msg::Subtotal)}</dt>
                <dd data-testid="cart-subtotal">{field(|c| c.subtotal.clone())}</dd>
                <dt>{localized(lang, Msg::Total)}</dt>
                <dd data-testid="cart-total">{field(|c| c.total.clone())}</dd>
            </dl>
            <button class="checkout" data-testid="checkout" on:click=checkout>{localized(lang, Msg::Checkout)}</button>
        </footer>
    }
}

/// Keeps Tab and Shift+Tab inside the dialog: from its last focusable element to its
/// first, and back.
fn trap_focus(ev: &leptos::ev::KeyboardEvent, dialog: NodeRef<html::Div>) {
    #[cfg(feature = "browser")]
    {
        use wasm_bindgen::JsCast;
        let Some(root) = dialog.get_untracked() else {
            return;
        };
        let Ok(list) = root.query_selector_all(
            "a[href], button:not([disabled]), select, input, [tabindex]:not([tabindex='-1'])",
        ) else {
            return;
        };
        let items: Vec<web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return;
        };
        // In a shadow root the document only knows the host element as focused.
        let active = match root.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
            Ok(shadow) => shadow.active_element(),
            Err(_) => web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element()),
        };
        let at = |e: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
        };
        if ev.shift_key() && at(first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    }
    #[cfg(not(feature = "browser"))]
    let _ = (ev, dialog);
}

/// The `neuroon:cart-update` bridge: when the host changes the cart itself it fires
/// the event; unless the widget's own operations are in flight (their answers are
/// about to arrive), the cart is re-read once per burst.
fn listen_for_host_changes(ctx: WidgetContext, owner: Option<Owner>) {
    #[cfg(feature = "browser")]
    {
        let debounce = Debounce::new();
        let (name, ms) = ctx
            .settings
            .with_untracked(|s| (s.external_update_event.clone(), s.cart_update_debounce_ms));
        let handle = window_event_listener_untyped(&name, move |_| {
            if ctx.in_flight.get_untracked() > 0 {
                return;
            }
            let ctx = ctx.clone();
            debounce.call(ms, move || {
                if ctx.in_flight.get_untracked() == 0 {
                    ctx.refresh_cart();
                }
            });
        });
        // Stops listening when the widget is unmounted (an embed's `destroy()`).
        match owner {
            Some(owner) => owner.with(|| on_cleanup(move || handle.remove())),
            None => std::mem::forget(handle),
        }
    }
    #[cfg(not(feature = "browser"))]
    let _ = (ctx, owner, Debounce::new);
}
