use axum::Router;
use leptos_axum::{generate_route_list, LeptosRoutes};

use super::{api, art, storefront, AppState};
use crate::app::{shell, App};

/// The whole server as one `Router`: the HTTP API, pages, server functions and
/// static files. Tests drive it in-process with `tower::ServiceExt::oneshot`.
/// Server functions get the `AppState` as context (leptos_axum provides the router
/// state to them).
pub fn app(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .leptos_routes(&state, routes, move || shell(options.clone()))
        // Only the pages and server functions above: the page frame shows the cart's count.
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), storefront::count_cart_for_page))
        .nest("/api", api::routes(state.clone()))
        .route("/art/{file}", axum::routing::get(art::product_art))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .with_state(state)
}
