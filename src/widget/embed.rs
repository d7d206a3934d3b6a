//! The widget in another shop's page. `public/widget.js` (the loader behind
//! `NeuroonWidget.init`) checks the options, draws the button at once, and on the
//! shopper's first sign of intent loads this bundle and calls [`mount_embed`]: the
//! same components as the storefront's island, rendered in the browser into the
//! loader's shadow root, with the page's JavaScript cart as the [`HostCart`] and the
//! widget API called directly with the page's token.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use cartlift_contract::{CartOperationResult, CartState, Language, Product};
use futures::future::{select, Either};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{
    CartFuture, CartWidget, HostCart, SearchAssistant, ToastList, WidgetApi, WidgetContext,
};
use crate::settings::WidgetSettings;

/// How long a host callback may take before the widget gives up on it.
const CALLBACK_TIMEOUT_MS: u32 = 10_000;

/// What the loader hands over besides the cart callbacks: `init`'s options, checked.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EmbedOptions {
    token: String,
    api_base_url: String,
    language: Language,
    #[serde(default)]
    search: bool,
    cart_enabled: bool,
    #[serde(default)]
    initial_count: u32,
    external_update_event: String,
    /// The loader's drawer shell is open: the drawer takes over open.
    #[serde(default)]
    open: bool,
    /// The visitor's anonymous id and the browser session's (the loader keeps them in
    /// the page's storage): the holdout experiment's unit and its attribution.
    #[serde(default)]
    visitor_id: Option<String>,
    #[serde(default)]
    session_id: Option<String>,
    // `initialCart`, the cart the shell showed, is read on its own: a malformed one
    // is dropped (the drawer asks the cart again) without refusing the options.
}

/// The page's `CartConfig`: each callback is called with the config as `this` (the
/// documents' example calls `this.onGetCart()`), its Promise awaited for at most
/// `CALLBACK_TIMEOUT_MS`.
struct JsCart {
    config: SendWrapper<js_sys::Object>,
}

impl JsCart {
    fn callback(&self, name: &str) -> Option<js_sys::Function> {
        js_sys::Reflect::get(&self.config, &JsValue::from_str(name))
            .ok()?
            .dyn_into()
            .ok()
    }

    /// Calls `name` and awaits what it answers; an exception, a rejection or
    /// silence is an error saying which.
    fn call(&self, name: &'static str, args: &[JsValue]) -> CartFuture<Result<JsValue, String>> {
        let started = match self.callback(name) {
            None => Err(format!("the shop's cart has no {name} callback")),
            Some(f) => f
                .apply(&self.config, &args.iter().collect::<js_sys::Array>())
                .map_err(|e| format!("{name} failed: {}", describe(&e))),
        };
        Box::pin(async move {
            let answer = JsFuture::from(js_sys::Promise::resolve(&started?));
            let timeout = gloo_timers::future::TimeoutFuture::new(CALLBACK_TIMEOUT_MS);
            match select(answer, timeout).await {
                Either::Left((Ok(v), _)) => Ok(v),
                Either::Left((Err(e), _)) => Err(format!("{name} failed: {}", describe(&e))),
                Either::Right(_) => Err(format!(
                    "{name} did not answer within {} s",
                    CALLBACK_TIMEOUT_MS / 1000
                )),
            }
        })
    }

    fn operation(&self, name: &'static str, args: &[JsValue]) -> CartFuture<CartOperationResult> {
        let call = self.call(name, args);
        Box::pin(async move {
            match call
                .await
                .and_then(|v| read::<CartOperationResult>(name, &v))
            {
                Ok(r) => r,
                Err(e) => CartOperationResult::failed(e),
            }
        })
    }
}

/// A JavaScript value as one of the contract's types, through its JSON: a field
/// missing or of the wrong kind is named in the error.
fn read<T: DeserializeOwned>(name: &str, v: &JsValue) -> Result<T, String> {
    let json = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    serde_json::from_str(&json)
        .map_err(|e| format!("{name} answered something the widget cannot read: {e}"))
}

fn describe(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| "rejected".into())
}

fn to_js<T: serde::Serialize>(v: &T) -> JsValue {
    serde_json::to_string(v)
        .ok()
        .and_then(|s| js_sys::JSON::parse(&s).ok())
        .unwrap_or(JsValue::NULL)
}

impl HostCart for JsCart {
    fn get_cart(&self) -> CartFuture<Result<CartState, String>> {
        let call = self.call("onGetCart", &[]);
        Box::pin(async move {
            call.await
                .and_then(|v| read("onGetCart", &v))
                .map_err(|e| format!("The cart could not be read: {e}"))
        })
    }

    fn add_to_cart(
        &self,
        product_id: String,
        quantity: u32,
        external_id: Option<String>,
    ) -> CartFuture<CartOperationResult> {
        let external = external_id.map_or(JsValue::UNDEFINED, |e| JsValue::from_str(&e));
        self.operation(
            "onAddToCart",
            &[
                JsValue::from_str(&product_id),
                JsValue::from(quantity),
                external,
            ],
        )
    }

    fn remove_from_cart(&self, item_key: String) -> CartFuture<CartOperationResult> {
        self.operation("onRemoveFromCart", &[JsValue::from_str(&item_key)])
    }

    fn update_quantity(&self, item_key: String, quantity: u32) -> CartFuture<CartOperationResult> {
        self.operation(
            "onUpdateQuantity",
            &[JsValue::from_str(&item_key), JsValue::from(quantity)],
        )
    }

    fn checkout(&self) {
        if let Some(f) = self.callback("onCheckout") {
            let _ = f.call0(&self.config);
        }
    }

    fn can_add_to_cart(&self, product: &Product) -> bool {
        match self.callback("canAddToCart") {
            Some(f) => f
                .call1(&self.config, &to_js(product))
                .is_ok_and(|v| v.is_truthy()),
            None => product.in_stock,
        }
    }

    fn set_destination_country(
        &self,
        country_code: String,
    ) -> CartFuture<Option<CartOperationResult>> {
        if self.callback("onSetDestinationCountry").is_none() {
            return Box::pin(async { None });
        }
        let call = self.call(
            "onSetDestinationCountry",
            &[JsValue::from_str(&country_code)],
        );
        Box::pin(async move {
            match call.await {
                // `void`: the host took the country and has nothing to show.
                Ok(v) if v.is_undefined() || v.is_null() => None,
                Ok(v) => Some(
                    read("onSetDestinationCountry", &v).unwrap_or_else(CartOperationResult::failed),
                ),
                Err(e) => Some(CartOperationResult::failed(e)),
            }
        })
    }
}

/// A cart that is switched off (`cart.enabled = false`): the widget shows no cart
/// and never calls it.
struct NoCart;

impl HostCart for NoCart {
    fn get_cart(&self) -> CartFuture<Result<CartState, String>> {
        Box::pin(async { Ok(CartState::default()) })
    }
    fn add_to_cart(&self, _: String, _: u32, _: Option<String>) -> CartFuture<CartOperationResult> {
        Box::pin(async { CartOperationResult::failed("the cart is switched off") })
    }
    fn remove_from_cart(&self, _: String) -> CartFuture<CartOperationResult> {
        self.add_to_cart(String::new(), 0, None)
    }
    fn update_quantity(&self, _: String, _: u32) -> CartFuture<CartOperationResult> {
        self.add_to_cart(String::new(), 0, None)
    }
    fn checkout(&self) {}
    fn can_add_to_cart(&self, _: &Product) -> bool {
        false
    }
    fn set_destination_country(&self, _: String) -> CartFuture<Option<CartOperationResult>> {
        Box::pin(async { None })
    }
}

/// What `init` returns to the page (through the loader).
#[wasm_bindgen]
pub struct EmbedHandle {
    ctx: WidgetContext,
    mounted: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl EmbedHandle {
    #[wasm_bindgen(js_name = openCart)]
    pub fn open_cart(&self) {
        if self.ctx.settings.with_untracked(|s| s.cart_enabled) {
            self.ctx.open.set(true);
        }
    }

    #[wasm_bindgen(js_name = closeCart)]
    pub fn close_cart(&self) {
        self.ctx.open.set(false);
    }

    #[wasm_bindgen(js_name = refreshCart)]
    pub fn refresh_cart(&self) {
        if self.ctx.settings.with_untracked(|s| s.cart_enabled) {
            self.ctx.refresh_cart();
        }
    }

    /// Unmounts the widget and stops its listeners.
    pub fn destroy(&mut self) {
        self.mounted.take();
    }
}

/// Mounts the widget into `root` (inside the loader's shadow root). `options` are
/// `init`'s, checked by the loader; `cart` is the page's `CartConfig`.
#[wasm_bindgen(js_name = mountEmbed)]
pub fn mount_embed(
    root: web_sys::Element,
    options: JsValue,
    cart: JsValue,
) -> Result<EmbedHandle, JsValue> {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let options_js = options;
    let options: EmbedOptions = read("init", &options_js).map_err(|e| JsValue::from_str(&e))?;
    let host: Arc<dyn HostCart> = match cart.dyn_into::<js_sys::Object>() {
        Ok(config) if options.cart_enabled => Arc::new(JsCart {
            config: SendWrapper::new(config),
        }),
        _ => Arc::new(NoCart),
    };
    let api = WidgetApi::Direct {
        base_url: options.api_base_url.trim_end_matches('/').into(),
        token: options.token.into(),
        visitor: options.visitor_id.filter(|v| !v.is_empty()).map(Into::into),
        session: options.session_id.filter(|v| !v.is_empty()).map(Into::into),
    };
    let settings = WidgetSettings {
        shop_name: String::new(),
        language: options.language,
        cart_enabled: options.cart_enabled,
        external_update_event: options.external_update_event,
        ..WidgetSettings::default()
    };
    let (search, cart_enabled, initial_count, open) = (
        options.search,
        options.cart_enabled,
        options.initial_count,
        options.open,
    );
    let initial_cart = js_sys::Reflect::get(&options_js, &JsValue::from_str("initialCart"))
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| read::<CartState>("initialCart", &c).ok());
    let made: Rc<RefCell<Option<WidgetContext>>> = Rc::default();
    let keep = made.clone();
    let mounted = leptos::mount::mount_to_renderer(&root, move || {
        let ctx = WidgetContext::new(host, api, settings);
        ctx.open.set(open && cart_enabled);
        ctx.cart.set(initial_cart);
        provide_context(ctx.clone());
        *keep.borrow_mut() = Some(ctx.clone());
        view! {
            <div class="cl-root cl-embed" data-testid="cartlift-embed">
                {search.then(|| view! { <SearchAssistant place="embed"/> })}
                {cart_enabled.then(|| view! { <CartWidget initial_count=initial_count/> })}
                <ToastList toasts=ctx.toasts/>
            </div>
        }
    });
    let ctx = made
        .borrow_mut()
        .take()
        .ok_or_else(|| JsValue::from_str("the widget did not mount"))?;
    Ok(EmbedHandle {
        ctx,
        mounted: Some(Box::new(mounted)),
    })
}
