//! The shop's own controls on its pages, outside the widget: the product page's buy
//! box, the cart page's lines and the checkout. Each is an island inside
//! [`ShopFrame`](super::ShopFrame), sharing its widget context for the language and
//! the update event; after a change each fires that event, as any host would, so
//! the widget re-reads the cart.

use cartlift_contract::CartState;
use leptos::either::Either;
use leptos::prelude::*;

use super::announce_cart_change;
use super::fns::{cart_add, cart_checkout, cart_read, cart_set_quantity};
use crate::i18n::{localized, Msg, Text};
use crate::settings::WidgetSettings;
use crate::widget::WidgetContext;

fn cart_changed(settings: RwSignal<WidgetSettings>) {
    let name = settings.with_untracked(|s| s.external_update_event.clone());
    announce_cart_change(&name);
}

/// Quantity and "Add to cart" on a product page; `max` is what the stock allows.
#[island]
pub fn BuyBox(external_id: String, max: u32) -> impl IntoView {
    let WidgetContext { language: lang, settings, .. } = expect_context();
    let status = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let quantity = RwSignal::new(1u32);
    let add = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let id = external_id.clone();
        leptos::task::spawn_local(async move {
            let result = cart_add(id, quantity.get_untracked()).await;
            busy.set(false);
            status.set(Some(match result {
                Ok(r) if r.success => {
                    cart_changed(settings);
                    Ok(())
                }
                Ok(r) => Err(r.error.unwrap_or_default()),
                Err(e) => Err(e.to_string()),
            }));
        });
    };
    view! {
        <div class="buy">
            <label>
                {localized(lang, Msg::Quantity)}
                <input
                    type="number"
                    min="1"
                    max=max
                    prop:value=move || quantity.get().to_string()
                    on:change=move |ev| quantity.set(event_target_value(&ev).parse().unwrap_or(1).clamp(1, max.max(1)))
                />
            </label>
            <button class="primary" data-testid="add-to-cart" disabled=move || busy.get() on:click=add>
                {localized(lang, Msg::AddToCart)}
            </button>
        </div>
        <p class="status" role="status" data-testid="add-status">
            {move || {
                status
                    .get()
                    .map(|s| match s {
                        Ok(()) => Either::Left(view! { <span>{lang.get().t(Msg::Added)}" · "<a href="/cart">{lang.get().t(Msg::GoToCart)}</a></span> }),
                        Err(e) => Either::Right(view! { <span class="error">{e}</span> }),
                    })
            }}
        </p>
    }
}

/// The cart page's lines with their steppers, the total and the way to checkout.
#[island]
pub fn CartLines(cart: CartState) -> impl IntoView {
    let WidgetContext { language: lang, settings, toasts, .. } = expect_context();
    let cart = RwSignal::new(cart);
    let set = move |key: String, quantity: u32| {
        leptos::task::spawn_local(async move {
            match cart_set_quantity(key, quantity).await {
                Ok(r) if r.success => {
                    match r.cart {
                        Some(c) => cart.set(c),
                        None => {
                            if let Ok(c) = cart_read().await {
                                cart.set(c);
                            }
                        }
                    }
                    cart_changed(settings);
                }
                Ok(r) => toasts.error(r.error.unwrap_or_default()),
                Err(e) => toasts.error(e.to_string()),
            }
        });
    };
    view! {
        <Show
            when=move || cart.with(|c| !c.items.is_empty())
            fallback=move || view! { <p class="empty">{localized(lang, Msg::EmptyCart)}</p> }
        >
            <table class="cart-table" data-testid="cart-page">
                <tbody>
                    <For each=move || cart.get().items key=|i| (i.key.clone(), i.quantity) let:i>
                        {
                            let (k1, k2, k3) = (i.key.clone(), i.key.clone(), i.key.clone());
                            let q = i.quantity;
                            view! {
                                <tr data-testid="page-line">
                                    <td><img src=i.image.unwrap_or_default() alt="" width="48" height="48"/></td>
                                    <td><a href=i.url.unwrap_or_default()>{i.name}</a></td>
                                    <td>{i.price}</td>
                                    <td class="qty-cell">
                                        <button on:click=move |_| set(k1.clone(), q.saturating_sub(1)) aria-label="−">"−"</button>
                                        <span data-testid="page-quantity">{q}</span>
                                        <button data-testid="page-more" on:click=move |_| set(k2.clone(), q + 1) aria-label="+">"+"</button>
                                    </td>
                                    <td>
                                        <button data-testid="page-remove" on:click=move |_| set(k3.clone(), 0)>{localized(lang, Msg::Remove)}</button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <p class="cart-total">{localized(lang, Msg::Total)}": " <strong>{move || cart.with(|c| c.total.clone())}</strong></p>
            <a class="primary" href="/checkout" data-testid="to-checkout">{localized(lang, Msg::Checkout)}</a>
        </Show>
    }
}

/// The checkout: what is about to be ordered and the button that closes the cart as
/// an order; then the order's number.
#[island]
pub fn CheckoutForm(cart: CartState) -> impl IntoView {
    let WidgetContext { language: lang, settings, .. } = expect_context();
    let placed = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let place = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = cart_checkout().await;
            busy.set(false);
            match result {
                Ok(order) => {
                    error.set(None);
                    placed.set(Some(order));
                    cart_changed(settings);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let CartState { items, total, .. } = cart;
    let summary: Vec<String> = items.into_iter().map(|i| format!("{} × {} — {}", i.quantity, i.name, i.price)).collect();
    view! {
        <Show
            when=move || placed.with(Option::is_none)
            fallback=move || {
                view! {
                    <p class="placed" data-testid="order-placed">
                        {localized(lang, Msg::OrderPlaced)}" "<strong data-testid="order-number">{move || placed.get()}</strong>
                    </p>
                    <a href="/products">{localized(lang, Msg::ContinueShopping)}</a>
                }
            }
        >
            <ul class="summary">{summary.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}</ul>
            <p class="cart-total">{localized(lang, Msg::Total)}": " <strong>{total.clone()}</strong></p>
            <button class="primary" data-testid="place-order" disabled=move || busy.get() on:click=place>
                {localized(lang, Msg::PlaceOrder)}
            </button>
        </Show>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}
