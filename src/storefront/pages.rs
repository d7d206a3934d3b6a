//! The shop's pages, rendered on the server only (inside [`ShopFrame`](super::ShopFrame),
//! whose context gives them the shopper's language); their interactive parts are the
//! islands of `super::islands`.

use cartlift_contract::Product;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::fns::{cart_read, shop_home, shop_listing, shop_product};
use super::islands::{BuyBox, CartLines, CheckoutForm};
use super::{CategoryCount, Listing};
use crate::i18n::{page_of, product_count, Msg, Text};
use crate::money::format_money;
use crate::widget::WidgetContext;

fn language() -> RwSignal<crate::i18n::Language> {
    expect_context::<WidgetContext>().language
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
    let max = product.stock_count.map_or(99, |s| s.clamp(0, 99) as u32);
    let external_id = product.external_id.clone().unwrap_or_else(|| product.id.clone());
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
                    // The shop's own button, outside the widget: it changes the cart,
                    // then fires the update event so the widget re-reads it.
                    view! { <BuyBox external_id=external_id max=max/> }.into_any()
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
