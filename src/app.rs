//! The page shell and the routes. The demo storefront hosts the widget: it provides
//! the widget's context with its own [`HostCart`](crate::widget::HostCart).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, StaticSegment};

use crate::i18n::{Language, Msg, Text};
use crate::settings::WidgetSettings;
use crate::storefront::{CartPage, CheckoutPage, HomePage, ListingPage, ProductPage, ServerCart};
use crate::widget::{CartWidget, SearchAssistant, ToastList, WidgetContext};

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The demo storefront with the cart widget in its header.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let widget = WidgetContext::new(Arc::new(ServerCart), WidgetSettings::default());
    provide_context(widget.clone());
    let lang = widget.language;
    let toasts = widget.toasts;
    view! {
        <Stylesheet id="leptos" href="/pkg/cartlift.css"/>
        <Title text="cartlift demo shop"/>
        <Router>
            <header class="site-header">
                <A href="/" attr:class="brand">"cartlift "<span>"gift shop"</span></A>
                <nav class="site-nav">
                    <A href="/products">{move || lang.get().t(Msg::AllProducts)}</A>
                </nav>
                <SearchAssistant place="header"/>
                <LanguageSwitch ctx=widget.clone()/>
                <CartWidget/>
            </header>
            <main class="page">
                <Routes fallback=|| view! { <p class="not-found">"Page not found."</p> }>
                    <Route path=StaticSegment("") view=HomePage/>
                    <Route path=path!("/products") view=ListingPage/>
                    <Route path=path!("/products/:id") view=ProductPage/>
                    <Route path=path!("/cart") view=CartPage/>
                    <Route path=path!("/checkout") view=CheckoutPage/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>
                    "Demo data: the Online Retail data set by Daqing Chen, Sai Liang Sain and Kun Guo, UCI Machine Learning Repository, CC BY 4.0."
                </p>
            </footer>
            <ToastList toasts/>
        </Router>
    }
}

#[component]
fn LanguageSwitch(ctx: WidgetContext) -> impl IntoView {
    let lang = ctx.language;
    view! {
        <label class="language">
            <span class="visually-hidden">{move || lang.get().t(Msg::ChooseLanguage)}</span>
            <select
                data-testid="language"
                on:change=move |ev| {
                    if let Ok(l) = event_target_value(&ev).parse::<Language>() {
                        ctx.choose_language(l);
                    }
                }
            >
                {Language::ALL
                    .iter()
                    .map(|l| {
                        let l = *l;
                        view! {
                            <option value=l.code() selected=move || lang.get() == l>
                                {match l {
                                    Language::En => "English",
                                    Language::Es => "Español",
                                }}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
