//! The page shell and the routes (server only: pages are plain HTML, and only the
//! islands inside them hydrate). The demo storefront hosts the widget in its page
//! frame, [`ShopFrame`](crate::storefront::ShopFrame).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, SsrMode, StaticSegment};

use crate::server::site::url;

use crate::admin::{
    AdminCategoriesPage, AdminLiftPage, AdminPreviewPage, AdminRulePage, AdminRulesPage,
};

use crate::storefront::{CartPage, CheckoutPage, HomePage, ListingPage, ProductPage, ShopFrame};

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" type="image/svg+xml" href=url("/favicon.svg")/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The demo storefront with the cart widget in its header, and the merchant's pages
/// under `/admin` (without the shop's frame). Pages are rendered whole before they
/// are sent (`SsrMode::Async`), so every island is in the HTML when the browser
/// hydrates.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href=url("/pkg/cartlift.css")/>
        <Router>
            <Frame/>
        </Router>
    }
}

/// The shop's frame around the storefront's pages; the admin pages draw their own.
#[component]
fn Frame() -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    if path == "/admin" || path.starts_with("/admin/") {
        return view! { <Pages/> }.into_any();
    }
    let frame = crate::server::storefront::frame();
    let cart_event = frame.settings.external_update_event.clone();
    view! {
        <Title text="cartlift demo shop"/>
        <ShopFrame settings=frame.settings chosen=frame.chosen initial_count=frame.cart_count>
            <Pages/>
        </ShopFrame>
        // The shop's own controls on its pages (buy box, cart lines, checkout).
        <script src=url("/shop.js") defer data-cart-event=cart_event></script>
    }
    .into_any()
}

/// Every page (one list, so the server's route list has them all).
#[component]
fn Pages() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <p class="not-found">"Page not found."</p> }>
            <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
            <Route path=path!("/products") view=ListingPage ssr=SsrMode::Async/>
            <Route path=path!("/products/:id") view=ProductPage ssr=SsrMode::Async/>
            <Route path=path!("/cart") view=CartPage ssr=SsrMode::Async/>
            <Route path=path!("/checkout") view=CheckoutPage ssr=SsrMode::Async/>
            <Route path=path!("/admin") view=AdminRulesPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/rules/:id") view=AdminRulePage ssr=SsrMode::Async/>
            <Route path=path!("/admin/categories") view=AdminCategoriesPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/lift") view=AdminLiftPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/preview") view=AdminPreviewPage ssr=SsrMode::Async/>
        </Routes>
    }
}
