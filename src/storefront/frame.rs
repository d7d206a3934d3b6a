//! The page frame of the demo shop: header with the search box, the language switch
//! and the cart widget, the page's own content, footer and toasts. It is the one
//! island that holds the widget's state: the islands inside the page (buy box, cart
//! lines, checkout) are hydrated as its children and share its [`WidgetContext`].

use std::sync::Arc;

use leptos::prelude::*;

use super::ServerCart;
use crate::i18n::{localized, Language, Msg};
use crate::settings::WidgetSettings;
use crate::widget::{CartWidget, SearchAssistant, ToastList, WidgetApi, WidgetContext};

/// The cookie that keeps the shopper's language across pages.
pub const LANGUAGE_COOKIE: &str = "cartlift_lang";

/// `settings` are the shop's, `chosen` the shopper's language if they picked one;
/// `initial_count` is the cart's count as the server saw it when rendering.
#[island]
pub fn ShopFrame(
    settings: WidgetSettings,
    chosen: Option<Language>,
    initial_count: u32,
    children: Children,
) -> impl IntoView {
    let cart_enabled = settings.cart_enabled;
    let widget = WidgetContext::new(Arc::new(ServerCart), WidgetApi::ServerFunctions, settings);
    if let Some(language) = chosen {
        widget.choose_language(language);
    }
    provide_context(widget.clone());
    let lang = widget.language;
    let toasts = widget.toasts;
    view! {
        <header class="site-header">
            <a href="/" class="brand">"cartlift "<span>"gift shop"</span></a>
            <nav class="site-nav">
                <a href="/products">{localized(lang, Msg::AllProducts)}</a>
            </nav>
            <SearchAssistant place="header"/>
            <LanguageSwitch ctx=widget.clone()/>
            // `cart.enabled = false`: no cart button and no drawer; search still works.
            {cart_enabled.then(|| view! { <CartWidget initial_count=initial_count/> })}
        </header>
        <main class="page">{children()}</main>
        <footer class="site-footer">
            <p>
                "Demo data: the Online Retail data set by Daqing Chen, Sai Liang Sain and Kun Guo, UCI Machine Learning Repository, CC BY 4.0."
            </p>
        </footer>
        <ToastList toasts/>
    }
}

/// The shopper's language: remembered in a cookie, then the page is loaded again so
/// the server-rendered text follows too.
#[component]
fn LanguageSwitch(ctx: WidgetContext) -> impl IntoView {
    let lang = ctx.language;
    view! {
        <label class="language">
            <span class="visually-hidden">{localized(lang, Msg::ChooseLanguage)}</span>
            <select
                data-testid="language"
                on:change=move |ev| {
                    if let Ok(l) = event_target_value(&ev).parse::<Language>() {
                        ctx.choose_language(l);
                        remember_language(l);
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

fn remember_language(language: Language) {
    #[cfg(feature = "browser")]
    {
        use wasm_bindgen::JsCast;
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(doc) = window
            .document()
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let _ = doc.set_cookie(&format!(
                "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                language.code()
            ));
        }
        let _ = window.location().reload();
    }
    #[cfg(not(feature = "browser"))]
    let _ = language;
}
