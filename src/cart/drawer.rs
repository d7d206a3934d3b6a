use leptos::html;
use leptos::prelude::*;

use crate::i18n::{Language, Msg, Text};
use crate::settings::{load_widget_settings, WidgetSettings};

/// The header cart button and the drawer it opens. The drawer is an accessible dialog:
/// focus moves into it, Escape closes it and focus returns to the button.
#[component]
pub fn CartWidget() -> impl IntoView {
    let open = RwSignal::new(false);
    let settings = RwSignal::new(None::<WidgetSettings>);
    let load_error = RwSignal::new(None::<String>);
    let button = NodeRef::<html::Button>::new();
    let close_button = NodeRef::<html::Button>::new();
    let lang = move || settings.with(|s| s.as_ref().map(|s| s.language).unwrap_or_default());

    let open_drawer = move |_| {
        open.set(true);
        // Settings come from the server the first time the drawer opens.
        if settings.get_untracked().is_none() {
            leptos::task::spawn_local(async move {
                match load_widget_settings().await {
                    Ok(s) => settings.set(Some(s)),
                    Err(e) => load_error.set(Some(e.to_string())),
                }
            });
        }
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

    view! {
        <button
            class="cart-button"
            node_ref=button
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            aria-label=move || lang().t(Msg::OpenCart)
            on:click=open_drawer
            data-testid="cart-button"
        >
            <span aria-hidden="true">"🛒"</span>
            <span class="cart-label">{move || lang().t(Msg::Cart)}</span>
        </button>
        <Show when=move || open.get()>
            <div class="drawer-backdrop" on:click=move |_| close()></div>
            <div
                class="drawer"
                role="dialog"
                aria-modal="true"
                aria-labelledby="cart-drawer-title"
                data-testid="cart-drawer"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        close();
                    }
                }
            >
                <header class="drawer-header">
                    <h2 id="cart-drawer-title">{move || lang().t(Msg::YourCart)}</h2>
                    <button
                        class="icon-button"
                        node_ref=close_button
                        aria-label=move || lang().t(Msg::CloseCart)
                        on:click=move |_| close()
                    >
                        "×"
                    </button>
                </header>
                <div class="drawer-body">
                    {move || match (settings.get(), load_error.get()) {
                        (_, Some(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                        (Some(s), None) => {
                            view! {
                                <p class="empty" data-testid="cart-empty" data-shop=s.shop_name.clone()>
                                    {s.language.t(Msg::EmptyCart)}
                                </p>
                            }
                                .into_any()
                        }
                        (None, None) => view! { <p class="loading">{Language::default().t(Msg::Loading)}</p> }.into_any(),
                    }}
                </div>
            </div>
        </Show>
    }
}
