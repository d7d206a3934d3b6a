use axum::extract::{Request, State};
use axum::http::Uri;
use axum::middleware::from_fn_with_state;
use axum::Router;
use leptos_axum::{generate_route_list, LeptosRoutes};

use super::{api, art, graphql, layers, ops, storefront, AppState};
use crate::app::{shell, App};

/// The whole server as one `Router`: the HTTP API, pages, server functions, static
/// files and the operator's endpoints, behind the layers every request passes
/// (outermost first): metrics, panic → JSON 500, rate limits, time limit, body limit,
/// compression.
/// Tests drive it in-process with `tower::ServiceExt::oneshot`. Server functions
/// get the `AppState` as context (leptos_axum provides the router state to them).
pub fn app(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let from_disk = leptos_axum::file_and_error_handler::<AppState, _>(shell);
    Router::new()
        .leptos_routes(&state, routes, move || shell(options.clone()))
        // Only the pages and server functions above: the page frame shows the cart's count.
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            storefront::count_cart_for_page,
        ))
        .nest("/api", api::routes(state.clone()))
        .route(
            "/graphql",
            axum::routing::get(graphql::graphiql).post(graphql::execute),
        )
        .route("/art/{file}", axum::routing::get(art::product_art))
        .route(
            "/admin/lift.csv",
            axum::routing::get(super::admin::lift_csv),
        )
        .route("/healthz", axum::routing::get(ops::healthz))
        .route("/readyz", axum::routing::get(ops::readyz))
        .route("/metrics", axum::routing::get(ops::metrics))
        .route_layer(axum::middleware::from_fn(ops::label_route))
        .fallback(
            move |State(state): State<AppState>, uri: Uri, req: Request| async move {
                match state.site.respond(req.method(), uri.path(), req.headers()) {
                    Some(file) => file,
                    // Not a file of the served site: the folder on disk, else the app
                    // answers (its 404 page).
                    None => from_disk(uri, State(state), req).await,
                }
            },
        )
        .layer(axum::middleware::map_response(embed_assets))
        // Pages and JSON gzipped for a browser that accepts it; the site's files
        // come precompressed and pass through untouched.
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), layers::body_limit))
        .layer(from_fn_with_state(state.clone(), layers::time_limit))
        .layer(from_fn_with_state(state.clone(), layers::rate_limit))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            layers::panic_response,
        ))
        .layer(from_fn_with_state(state.clone(), ops::measure))
        .with_state(state)
}

/// The embed loader and the bundle it loads are fetched by other shops' pages, as
/// module scripts and `fetch`, so in CORS mode: any page may load them (they are
/// public files and carry no credentials). The loader keeps its URL, so it is cached
/// briefly; the bundle's files are re-checked each time (the site's own caching).
async fn embed_assets(
    uri: axum::http::Uri,
    mut res: axum::response::Response,
) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let path = uri.path();
    if path == "/widget.js" || path.starts_with("/pkg/") {
        let h = res.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        if path == "/widget.js" {
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            );
        } else {
            h.entry(header::CACHE_CONTROL)
                .or_insert(HeaderValue::from_static("no-cache"));
        }
    }
    res
}
