use cartlift_contract::{CartState, Product};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::fns::{cart_add, cart_checkout, cart_read, cart_set_quantity, shop_home, shop_listing, shop_product};
use super::{announce_cart_change, CategoryCount, Listing};
use crate::i18n::{page_of, product_count, Msg, Text};
use crate::money::format_money;
use crate::widget::WidgetContext;

fn language() -> RwSignal<crate::i18n::Language> {
    expect_context::<WidgetContext>().language
}

/// Tell the widget (and anyone listening) that the cart changed outside it.
fn cart_changed() {
    let name = expect_context::<WidgetContext>().settings.with_untracked(|s| s.external_update_event.clone());
    announce_cart_change(&name);
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn listing_href(category: Option<&str>, query: Option<&str>, page: u32) -> String {
    let mut parts = Vec::new();
    if let Some(c) = category.filter(|c| !c.is_empty()) {
        parts.push(format!("category={}", encode(c)));
    }
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        parts.push(format!("q={}", encode(q)));
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        "/products".into()
    } else {
        format!("/products?{}", parts.join("&"))
    }
}

fn error_view(e: ServerFnError) -> AnyView {
    view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any()
}

#[component]
fn ProductCard(product: Product) -> impl IntoView {
    let price = format_money(product.sale_price.unwrap_or(product.price), &product.currency);
    view! {
        <li class="product-card" data-testid="product-card">
            <a href=product.url.clone()>
                <img src=product.image_url.clone().unwrap_or_default() alt="" width="240" height="240" loading="lazy"/>
                <span class="product-name">{product.name.clone()}</span>
            </a>
            <span class="product-price">{price}</span>
        </li>
    }
}

fn category_label(name: &str) -> String {
    let mut s = name.replace('-', " ");
    if let Some(f) = s.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    s
}

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = language();
    let home = Resource::new(|| (), |_| shop_home());
    view! {
        <section class="hero">
            <h1>"Gifts people buy together"</h1>
            <p>"Real orders of a UK gift shop. Add something to your cart and open it: the drawer suggests what shoppers bought with it."</p>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{move || lang.get().t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(h) => {
                        view! {
                            <h2>{move || lang.get().t(Msg::Categories)}</h2>
                            <ul class="categories" data-testid="categories">
                                {h
                                    .categories
                                    .iter()
                                    .map(|CategoryCount { name, count }| {
                                        view! {
                                            <li>
                                                <a href=listing_href(Some(name), None, 1)>
                                                    {category_label(name)}
                                                    <span class="count">{*count}</span>
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            <h2>{move || lang.get().t(Msg::Popular)}</h2>
                            <ul class="products">
                                {h.popular.into_iter().map(|p| view! { <ProductCard product=p/> }).collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ListingPage() -> impl IntoView {
    let lang = language();
    let query = use_query_map();
    let args = move || {
        query.with(|q| (q.get("category").filter(|c| !c.is_empty()), q.get("q").filter(|c| !c.is_empty()), q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1)))
    };
    let listing = Resource::new(args, |(c, q, p)| shop_listing(c, q, p));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || lang.get().t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                let (category, q, _) = args();
                match listing.await {
                    Ok(Listing { products, total, page, pages }) => {
                        let title = match (&category, &q) {
                            (_, Some(q)) => format!("“{q}”"),
                            (Some(c), None) => category_label(c),
                            (None, None) => lang.get_untracked().t(Msg::AllProducts).to_string(),
                        };
                        let prev = (page > 1).then(|| listing_href(category.as_deref(), q.as_deref(), page - 1));
                        let next = (page < pages).then(|| listing_href(category.as_deref(), q.as_deref(), page + 1));
                        view! {
                            <h1>{title}</h1>
                            <p class="muted" data-testid="listing-total">{move || product_count(lang.get(), total)}</p>
                            {products.is_empty().then(|| view! { <p class="empty">{move || lang.get().t(Msg::NoProducts)}</p> })}
                            <ul class="products" data-testid="listing">
                                {products.into_iter().map(|p| view! { <ProductCard product=p/> }).collect_view()}
                            </ul>
                            <nav class="pagination" aria-label="pages">
                                {prev.map(|h| view! { <a href=h rel="prev">{move || lang.get().t(Msg::Previous)}</a> })}
                                <span data-testid="page-of">{move || page_of(lang.get(), page, pages)}</span>
                                {next.map(|h| view! { <a href=h rel="next" data-testid="next-page">{move || lang.get().t(Msg::Next)}</a> })}
                            </nav>
                        }
                            .into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let lang = language();
    let params = use_params_map();
    let product = Resource::new(move || params.with(|p| p.get("id").unwrap_or_default()), shop_product);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || lang.get().t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match product.await {
                    Ok(Some(p)) => view! { <ProductDetail product=p/> }.into_any(),
                    Ok(None) => view! { <p class="not-found">{move || lang.get().t(Msg::ProductNotFound)}</p> }.into_any(),
                    Err(e) => error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductDetail(product: Product) -> impl IntoView {
    let lang = language();
    let status = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let quantity = RwSignal::new(1u32);
    let max = product.stock_count.map_or(99, |s| s.clamp(0, 99) as u32);
    let external_id = product.external_id.clone().unwrap_or_else(|| product.id.clone());
    let name = product.name.clone();
    // The shop's own button, outside the widget: it changes the cart, then fires the
    // update event so the widget re-reads it.
    let add = move |_| {
        busy.set(true);
        let id = external_id.clone();
        let name = name.clone();
        leptos::task::spawn_local(async move {
            let result = cart_add(id, quantity.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(r) if r.success => {
                    status.set(Some(Ok(name)));
                    cart_changed();
                }
                Ok(r) => status.set(Some(Err(r.error.unwrap_or_default()))),
                Err(e) => status.set(Some(Err(e.to_string()))),
            }
        });
    };
    let price = format_money(product.sale_price.unwrap_or(product.price), &product.currency);
    view! {
        <article class="product-detail" data-testid="product-detail" data-product-id=product.id.clone()>
            <img src=product.image_url.clone().unwrap_or_default() alt="" width="320" height="320"/>
            <div>
                <h1>{product.name.clone()}</h1>
                <p class="product-price">{price}</p>
                <p class="muted">
                    {product.categories.iter().map(|c| category_label(c)).collect::<Vec<_>>().join(" · ")}
                </p>
                {product.stock_count.map(|s| view! { <p class="muted">{format!("{s} in stock")}</p> })}
                {if product.in_stock {
                    view! {
                        <div class="buy">
                            <label>
                                {move || lang.get().t(Msg::Quantity)}
                                <input
                                    type="number"
                                    min="1"
                                    max=max
                                    prop:value=move || quantity.get().to_string()
                                    on:change=move |ev| quantity.set(event_target_value(&ev).parse().unwrap_or(1).clamp(1, max.max(1)))
                                />
                            </label>
                            <button class="primary" data-testid="add-to-cart" disabled=move || busy.get() on:click=add>
                                {move || lang.get().t(Msg::AddToCart)}
                            </button>
                        </div>
                    }
                        .into_any()
                } else {
                    view! { <p class="badge badge-warn">{move || lang.get().t(Msg::OutOfStock)}</p> }.into_any()
                }}
                <p class="status" role="status" data-testid="add-status">
                    {move || match status.get() {
                        Some(Ok(_)) => view! { <span>{lang.get().t(Msg::Added)}" · "<a href="/cart">{lang.get().t(Msg::GoToCart)}</a></span> }.into_any(),
                        Some(Err(e)) => view! { <span class="error">{e}</span> }.into_any(),
                        None => ().into_any(),
                    }}
                </p>
            </div>
        </article>
    }
}

/// The shop's cart page: the "mini-cart" outside the widget. Its changes fire the
/// update event; it re-reads after its own changes.
#[component]
pub fn CartPage() -> impl IntoView {
    let lang = language();
    let version = RwSignal::new(0u32);
    let cart = Resource::new(move || version.get(), |_| cart_read());
    let set = move |key: String, quantity: u32| {
        leptos::task::spawn_local(async move {
            let _ = cart_set_quantity(key, quantity).await;
            version.update(|v| *v += 1);
            cart_changed();
        });
    };
    view! {
        <h1>{move || lang.get().t(Msg::YourCart)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{move || lang.get().t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(c) if c.items.is_empty() => view! { <p class="empty">{move || lang.get().t(Msg::EmptyCart)}</p> }.into_any(),
                    Ok(c) => view! { <CartTable cart=c set=set/> }.into_any(),
                    Err(e) => error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CartTable(cart: CartState, set: impl Fn(String, u32) + Clone + Send + Sync + 'static) -> impl IntoView {
    let lang = language();
    view! {
        <table class="cart-table" data-testid="cart-page">
            <tbody>
                {cart
                    .items
                    .into_iter()
                    .map(|i| {
                        let (more, less, remove) = (set.clone(), set.clone(), set.clone());
                        let (k1, k2, k3) = (i.key.clone(), i.key.clone(), i.key.clone());
                        let q = i.quantity;
                        view! {
                            <tr data-testid="page-line">
                                <td><img src=i.image.unwrap_or_default() alt="" width="48" height="48"/></td>
                                <td><a href=i.url.unwrap_or_default()>{i.name}</a></td>
                                <td>{i.price}</td>
                                <td class="qty-cell">
                                    <button on:click=move |_| less(k1.clone(), q.saturating_sub(1)) aria-label="−">"−"</button>
                                    <span data-testid="page-quantity">{q}</span>
                                    <button data-testid="page-more" on:click=move |_| more(k2.clone(), q + 1) aria-label="+">"+"</button>
                                </td>
                                <td>
                                    <button data-testid="page-remove" on:click=move |_| remove(k3.clone(), 0)>{move || lang.get().t(Msg::Remove)}</button>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <p class="cart-total">{move || lang.get().t(Msg::Total)}": " <strong>{cart.total}</strong></p>
        <a class="primary" href="/checkout" data-testid="to-checkout">{move || lang.get().t(Msg::Checkout)}</a>
    }
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let lang = language();
    let cart = Resource::new(|| (), |_| cart_read());
    let placed = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let place = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = cart_checkout().await.map_err(|e| e.to_string());
            busy.set(false);
            if r.is_ok() {
                cart_changed();
            }
            placed.set(Some(r));
        });
    };
    view! {
        <h1>{move || lang.get().t(Msg::Checkout)}</h1>
        {move || match placed.get() {
            Some(Ok(order)) => {
                view! {
                    <p class="placed" data-testid="order-placed">
                        {lang.get().t(Msg::OrderPlaced)}" "<strong data-testid="order-number">{order}</strong>
                    </p>
                    <a href="/products">{lang.get().t(Msg::ContinueShopping)}</a>
                }
                    .into_any()
            }
            other => {
                view! {
                    <Suspense fallback=move || view! { <p class="loading">{move || lang.get().t(Msg::Loading)}</p> }>
                        {move || Suspend::new(async move {
                            match cart.await {
                                Ok(c) if c.items.is_empty() => view! { <p class="empty">{move || lang.get().t(Msg::EmptyCart)}</p> }.into_any(),
                                Ok(c) => {
                                    view! {
                                        <ul class="summary">
                                            {c.items.into_iter().map(|i| view! { <li>{format!("{} × {} — {}", i.quantity, i.name, i.price)}</li> }).collect_view()}
                                        </ul>
                                        <p class="cart-total">{move || lang.get().t(Msg::Total)}": " <strong>{c.total}</strong></p>
                                        <button class="primary" data-testid="place-order" disabled=move || busy.get() on:click=place>
                                            {move || lang.get().t(Msg::PlaceOrder)}
                                        </button>
                                    }
                                        .into_any()
                                }
                                Err(e) => error_view(e),
                            }
                        })}
                    </Suspense>
                    {other.and_then(|r| r.err()).map(|e| view! { <p class="error" role="alert">{e}</p> })}
                }
                    .into_any()
            }
        }}
    }
}
