use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;
use cartlift_store::Store;
use leptos::config::LeptosOptions;

use super::api::KeyCache;
use super::shops::ShopEngines;
use super::Settings;
use crate::settings::WidgetSettings;

/// What every handler and server function shares. One reference count to clone:
/// every layer and extractor takes its own copy on every request.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Leptos' page rendering asks the router state for its options.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos_options.clone()
    }
}

/// The fields behind an [`AppState`].
#[derive(Clone)]
pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    pub store: Store,
    pub engines: ShopEngines,
    pub keys: KeyCache,
    /// The client the server functions proxy the widget's calls with.
    pub http: reqwest::Client,
    /// Where the server functions send the widget's calls, and with which token.
    pub upstream: Arc<Upstream>,
    /// The shop's rules over GraphQL (`/graphql`).
    pub graphql: super::graphql::RulesSchema,
    pub rate_limits: super::layers::RateLimits,
    pub metrics: super::ops::Metrics,
    /// The site's static files; empty until [`AppState::with_site`] (the files
    /// are then read from `leptos_options.site_root` on disk, as Leptos does).
    pub site: Arc<super::site::Site>,
}

/// The widget API the storefront's server functions call.
pub struct Upstream {
    /// Base URL without a trailing slash, e.g. `http://127.0.0.1:3000`.
    pub base_url: String,
    /// `None` when the configured shop does not exist yet.
    pub widget_token: Option<String>,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("base_url", &self.base_url)
            .field("widget_token", &self.widget_token.as_ref().map(|_| "***"))
            .finish()
    }
}

impl AppState {
    /// Opens the store and works out the upstream. `listen` is this server's own
    /// address, the upstream when `widget.api_base_url` is empty.
    pub async fn new(
        leptos_options: LeptosOptions,
        settings: Settings,
        store: Store,
        listen: std::net::SocketAddr,
    ) -> anyhow::Result<AppState> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.widget.upstream_timeout_ms))
            .build()?;
        let upstream = if settings.widget.api_base_url.is_empty() {
            // This server is the upstream: it issues its storefront a token of its
            // own, labelled with this host and address, so servers sharing a store
            // (or a restart of another) never revoke each other's.
            let label = format!("storefront {} {listen}", host_name());
            let token = match store.shop_by_slug(&settings.widget.shop).await? {
                Some(shop) => Some(store.reissue_widget_token(&shop.id, &label).await?.0),
                None => {
                    tracing::warn!(shop = %settings.widget.shop, "the storefront's shop does not exist: no recommendations until it is created (cartlift serve --seed-demo, or cartlift shop create)");
                    None
                }
            };
            Upstream {
                base_url: format!("http://{listen}"),
                widget_token: token,
            }
        } else {
            let token = (!settings.widget.token.is_empty()).then(|| settings.widget.token.clone());
            Upstream {
                base_url: settings
                    .widget
                    .api_base_url
                    .trim_end_matches('/')
                    .to_string(),
                widget_token: token,
            }
        };
        Ok(AppState(Arc::new(Shared {
            leptos_options,
            rate_limits: super::layers::RateLimits::new(&settings.limits),
            settings: Arc::new(settings),
            store,
            engines: ShopEngines::default(),
            keys: KeyCache::default(),
            http,
            upstream: Arc::new(upstream),
            graphql: super::graphql::schema(),
            metrics: super::ops::Metrics::default(),
            site: Arc::new(super::site::Site::embedded(&[])),
        })))
    }

    /// Serves `site`, and makes the pages link its versioned names (the
    /// hydration scripts take theirs from the output name).
    pub fn with_site(mut self, site: super::site::Site) -> AppState {
        let shared = Arc::make_mut(&mut self.0);
        if !site.is_empty() {
            shared.leptos_options.output_name =
                format!("{}.{}", shared.leptos_options.output_name, site.version()).into();
            site.publish();
        }
        shared.site = Arc::new(site);
        self
    }

    /// The settings the browser side of the widget needs.
    pub fn widget_settings(&self) -> WidgetSettings {
        let s = &self.settings;
        WidgetSettings {
            shop_name: s.widget.shop.clone(),
            language: s.language(),
            cart_enabled: s.cart.enabled,
            external_update_event: s.cart.external_update_event.clone(),
            cross_sell_debounce_ms: s.cart.cross_sell_debounce_ms,
            cart_update_debounce_ms: s.cart.cart_update_debounce_ms,
        }
    }
}

/// This machine's name, for telling servers apart in key labels.
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into())
}
