//! The cart widget: the header button with its count, the drawer (an accessible
//! dialog with the cart, free-shipping progress and checkout), the cross-sell
//! section, toasts, and the `neuroon:cart-update` bridge. It talks to the cart only
//! through [`HostCart`] and to the recommendation API only through the server
//! functions of [`proxy`], so it holds no server-only state.

pub mod api;
mod cross_sell;
mod drawer;
#[cfg(feature = "embed")]
pub mod embed;
pub mod host;
pub mod proxy;
mod search;
mod toast;

use std::sync::Arc;

use cartlift_contract::{CartOperationResult, CartState, Product};
use leptos::prelude::*;

pub use api::WidgetApi;
pub use drawer::CartWidget;
pub use host::{CartFuture, HostCart};
pub use search::SearchAssistant;
pub use toast::{ToastKind, ToastList, Toasts};

use crate::i18n::Language;
use crate::settings::WidgetSettings;

/// What the widget's parts share, provided once by whoever mounts it.
#[derive(Clone)]
pub struct WidgetContext {
    pub host: Arc<dyn HostCart>,
    pub api: WidgetApi,
    /// The shop's widget settings; defaults until the server's arrive.
    pub settings: RwSignal<WidgetSettings>,
    /// The shopper's language: the shop's setting until they pick one.
    pub language: RwSignal<Language>,
    pub language_chosen: RwSignal<bool>,
    /// The host's cart as last read; `None` before the first read.
    pub cart: RwSignal<Option<CartState>>,
    /// Widget-started cart operations not answered yet.
    pub in_flight: RwSignal<u32>,
    pub open: RwSignal<bool>,
    pub toasts: Toasts,
    pub cross_sell: CrossSellCache,
}

/// The cross-sell cards, kept while the drawer is closed: opening it again with the
/// same cart shows them without asking the API.
#[derive(Clone, Copy)]
pub struct CrossSellCache {
    pub cards: RwSignal<Vec<Product>>,
    /// The cart (its product ids) the cards are for.
    pub cached_for: StoredValue<Option<Vec<String>>>,
    /// Shown while the drawer has been open; sent as `excludeProductIds`.
    pub seen: StoredValue<Vec<String>>,
    /// Only the latest request's answer is shown.
    pub latest: StoredValue<u64>,
}

impl WidgetContext {
    pub fn new(host: Arc<dyn HostCart>, api: WidgetApi, settings: WidgetSettings) -> Self {
        WidgetContext {
            host,
            api,
            language: RwSignal::new(settings.language),
            language_chosen: RwSignal::new(false),
            settings: RwSignal::new(settings),
            cart: RwSignal::new(None),
            in_flight: RwSignal::new(0),
            open: RwSignal::new(false),
            toasts: Toasts::new(),
            cross_sell: CrossSellCache {
                cards: RwSignal::new(Vec::new()),
                cached_for: StoredValue::new(None),
                seen: StoredValue::new(Vec::new()),
                latest: StoredValue::new(0),
            },
        }
    }

    /// The shopper picks a language; the shop's setting no longer applies.
    pub fn choose_language(&self, language: Language) {
        self.language_chosen.set(true);
        self.language.set(language);
    }

    /// Applies a host callback's answer: success replaces the cart, failure restores
    /// `before` and shows the error.
    pub fn apply(&self, result: CartOperationResult, before: Option<CartState>) {
        if result.success {
            if let Some(cart) = result.cart {
                self.cart.set(Some(cart));
            }
            if let Some(notice) = result.notice {
                self.toasts.info(notice);
            }
        } else {
            self.cart.set(before);
            self.toasts.error(
                result
                    .error
                    .unwrap_or_else(|| "The cart could not be changed".into()),
            );
        }
    }

    /// Runs a cart operation: shows `optimistic` at once (if any), counts it as in
    /// flight, then applies the host's answer.
    pub fn run(&self, optimistic: Option<CartState>, op: CartFuture<CartOperationResult>) {
        let before = self.cart.get_untracked();
        if optimistic.is_some() {
            self.cart.set(optimistic);
        }
        self.in_flight.update(|n| *n += 1);
        let ctx = self.clone();
        leptos::task::spawn_local(async move {
            let result = op.await;
            ctx.in_flight.update(|n| *n = n.saturating_sub(1));
            ctx.apply(result, before);
        });
    }

    /// Sets the destination country, silently: the host remembers it and the cart
    /// follows its answer (a host without the callback is left alone).
    pub fn set_destination(&self, country_code: String) {
        let ctx = self.clone();
        let op = self.host.set_destination_country(country_code);
        leptos::task::spawn_local(async move {
            let before = ctx.cart.get_untracked();
            if let Some(result) = op.await {
                ctx.apply(result, before);
            }
        });
    }

    /// Empties the cart line by line (the host contract has no "clear"). Shown
    /// empty at once; if the host refuses a line, the error shows and the cart is
    /// read again, since the lines before it are gone already.
    pub fn clear_cart(&self) {
        let Some(before) = self.cart.get_untracked() else {
            return;
        };
        let keys: Vec<String> = before.items.iter().map(|i| i.key.clone()).collect();
        let mut emptied = before.clone();
        emptied.items.clear();
        emptied.total_items = 0;
        self.cart.set(Some(emptied));
        self.in_flight.update(|n| *n += 1);
        let ctx = self.clone();
        leptos::task::spawn_local(async move {
            let mut last = None;
            for key in keys {
                let result = ctx.host.remove_from_cart(key).await;
                if !result.success {
                    ctx.in_flight.update(|n| *n = n.saturating_sub(1));
                    ctx.toasts.error(
                        result
                            .error
                            .unwrap_or_else(|| "The cart could not be emptied".into()),
                    );
                    ctx.refresh_cart();
                    return;
                }
                last = Some(result);
            }
            ctx.in_flight.update(|n| *n = n.saturating_sub(1));
            if let Some(result) = last {
                ctx.apply(result, Some(before));
            }
        });
    }

    /// Re-reads the host cart (on mount, and after the external update event).
    pub fn refresh_cart(&self) {
        let ctx = self.clone();
        leptos::task::spawn_local(async move {
            match ctx.host.get_cart().await {
                Ok(cart) => ctx.cart.set(Some(cart)),
                Err(e) => ctx.toasts.error(e),
            }
        });
    }
}

/// How long a followed link waits for its click to be recorded.
#[cfg(feature = "browser")]
const RECORD_WAIT_MS: u32 = 300;

/// Follows a clicked link once `record` (the click's tracking call) is done: leaving
/// the page would cut a request in flight, so the navigation waits for it, at most
/// `RECORD_WAIT_MS`. A click that opens another tab leaves this page as it is.
pub fn follow_after(
    ev: leptos::ev::MouseEvent,
    href: String,
    record: impl std::future::Future<Output = ()> + 'static,
) {
    #[cfg(feature = "browser")]
    {
        use std::cell::Cell;
        use std::rc::Rc;
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 || href.is_empty() {
            leptos::task::spawn_local(record);
            return;
        }
        ev.prevent_default();
        let left = Rc::new(Cell::new(false));
        let go = move |left: Rc<Cell<bool>>, href: &str| {
            if !left.replace(true) {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().set_href(href);
                }
            }
        };
        let (l, h) = (left.clone(), href.clone());
        leptos::task::spawn_local(async move {
            record.await;
            go(l, &h);
        });
        after_ms(RECORD_WAIT_MS, move || go(left, &href));
    }
    #[cfg(not(feature = "browser"))]
    let _ = (ev, href, record);
}

/// Runs `f` once after `ms` milliseconds (in the browser; never on the server).
pub fn after_ms(ms: u32, f: impl FnOnce() + 'static) {
    #[cfg(feature = "browser")]
    gloo_timers::callback::Timeout::new(ms, f).forget();
    #[cfg(not(feature = "browser"))]
    let _ = (ms, f);
}

/// Calls that come in a burst run once, `ms` after the last of them.
#[derive(Clone, Copy)]
pub struct Debounce {
    generation: StoredValue<u64>,
}

impl Debounce {
    pub fn new() -> Self {
        Debounce {
            generation: StoredValue::new(0),
        }
    }

    /// Schedules `f`, replacing whatever was pending.
    pub fn call(&self, ms: u32, f: impl FnOnce() + 'static) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let current = self.generation;
        after_ms(ms, move || {
            if current.try_get_value() == Some(generation) {
                f();
            }
        });
    }

    /// Drops whatever is pending.
    pub fn cancel(&self) {
        self.generation.update_value(|g| *g += 1);
    }
}

impl Default for Debounce {
    fn default() -> Self {
        Self::new()
    }
}
