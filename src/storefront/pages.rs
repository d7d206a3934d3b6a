//! The shop's pages, rendered on the server only (inside [`ShopFrame`](super::ShopFrame),
//! whose context gives them the shopper's language). Their own controls (buy box,
//! cart lines, checkout) are plain HTML that `public/shop.js` drives, as any host
//! shop's would be: the text they show later is rendered here, in `data-` attributes.

use cartlift_contract::{CartState, Product};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::fns::{cart_read, shop_home, shop_listing, shop_product};
use super::{CategoryCount, Listing};
use crate::i18n::{page_of, product_count, Msg, Text};
use crate::money::format_money;
use crate::widget::WidgetContext;

fn language() -> RwSignal<crate::i18n::Language> {
    expect_context::<WidgetContext>().language
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
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
    let price = format_money(
        product.sale_price.unwrap_or(product.price),
        &product.currency,
    );
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
            <h1>{move || lang.get().t(Msg::HeroTitle)}</h1>
            <p>{move || lang.get().t(Msg::HeroText)}</p>
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
        query.with(|q| {
            (
                q.get("category").filter(|c| !c.is_empty()),
                q.get("q").filter(|c| !c.is_empty()),
                q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
            )
        })
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
    let product = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        shop_product,
    );
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
    let max = product.stock_count.map_or(99, |s| s.clamp(0, 99) as u32);
    let external_id = product
        .external_id
        .clone()
        .unwrap_or_else(|| product.id.clone());
    let price = format_money(
        product.sale_price.unwrap_or(product.price),
        &product.currency,
    );
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
                    // The shop's own button, outside the widget: it changes the cart,
                    // then fires the update event so the widget re-reads it.
                    let l = lang.get_untracked();
                    view! {
                        <div class="buy" data-buy=external_id data-added=l.t(Msg::Added) data-go-to-cart=l.t(Msg::GoToCart)>
                            <label>
                                {l.t(Msg::Quantity)}
                                <input type="number" min="1" max=max value="1"/>
                            </label>
                            <button class="primary" data-testid="add-to-cart">{l.t(Msg::AddToCart)}</button>
                        </div>
                        <p class="status" role="status" data-testid="add-status"></p>
                    }
                        .into_any()
                } else {
                    view! { <p class="badge badge-warn">{move || lang.get().t(Msg::OutOfStock)}</p> }.into_any()
                }}
            </div>
        </article>
    }
}

/// The shop's cart page: the "mini-cart" outside the widget. Its changes fire the
/// update event.
#[component]
pub fn CartPage() -> impl IntoView {
    let lang = language();
    let cart = Resource::new(|| (), |_| cart_read());
    view! {
        <h1>{move || lang.get().t(Msg::YourCart)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{move || lang.get().t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(c) if c.items.is_empty() => view! { <p class="empty">{move || lang.get().t(Msg::EmptyCart)}</p> }.into_any(),
                    Ok(c) => view! { <CartLines cart=c/> }.into_any(),
                    Err(e) => error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let lang = language();
    let cart = Resource::new(|| (), |_| cart_read());
    view! {
        <h1>{move || lang.get().t(Msg::Checkout)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{move || lang.get().t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(c) if c.items.is_empty() => view! { <p class="empty">{move || lang.get().t(Msg::EmptyCart)}</p> }.into_any(),
                    Ok(c) => view! { <CheckoutForm cart=c/> }.into_any(),
                    Err(e) => error_view(e),
                }
            })}
        </Suspense>
    }
}

/// The cart page's lines with their steppers, the total and the way to checkout.
#[component]
fn CartLines(cart: CartState) -> impl IntoView {
    let l = language().get_untracked();
    view! {
        <div data-cart-page data-empty=l.t(Msg::EmptyCart)>
            <table class="cart-table" data-testid="cart-page">
                <tbody>
                    {cart
                        .items
                        .into_iter()
                        .map(|i| {
                            view! {
                                <tr data-testid="page-line" data-key=i.key data-quantity=i.quantity>
                                    <td><img src=i.image.unwrap_or_default() alt="" width="48" height="48"/></td>
                                    <td><a href=i.url.unwrap_or_default()>{i.name}</a></td>
                                    <td data-price>{i.price}</td>
                                    <td class="qty-cell">
                                        <button data-change="less" aria-label=l.t(Msg::Decrease)>"−"</button>
                                        <span data-testid="page-quantity">{i.quantity}</span>
                                        <button data-change="more" data-testid="page-more" aria-label=l.t(Msg::Increase)>"+"</button>
                                    </td>
                                    <td>
                                        <button data-change="remove" data-testid="page-remove">{l.t(Msg::Remove)}</button>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="error" role="alert"></p>
            <p class="cart-total">{l.t(Msg::Total)}": " <strong data-total>{cart.total}</strong></p>
            <a class="primary" href="/checkout" data-testid="to-checkout">{l.t(Msg::Checkout)}</a>
        </div>
    }
}

/// The checkout: what is about to be ordered and the button that closes the cart as
/// an order (then the order's number shows in its place).
#[component]
fn CheckoutForm(cart: CartState) -> impl IntoView {
    let l = language().get_untracked();
    view! {
        <div data-checkout data-placed=l.t(Msg::OrderPlaced) data-continue=l.t(Msg::ContinueShopping)>
            <ul class="summary">
                {cart.items.into_iter().map(|i| view! { <li>{format!("{} × {} — {}", i.quantity, i.name, i.price)}</li> }).collect_view()}
            </ul>
            <p class="cart-total">{l.t(Msg::Total)}": " <strong>{cart.total}</strong></p>
            <button class="primary" data-testid="place-order">{l.t(Msg::PlaceOrder)}</button>
            <p class="error" role="alert"></p>
        </div>
    }
}
