use std::time::Instant;

use axum::extract::{Query, State};
use axum::Json;
use cartlift_contract::{
    AutocompleteResponse, CartSnapshot, Language, SearchFilters, SearchRequest, SearchResponse,
    Suggestion, SuggestionType, QUERY_MAX_CHARS, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT,
    SNAPSHOT_MAX_ITEMS,
};
use cartlift_search::{CompletionKind, Filters};
use cartlift_store::{Conversation, SearchTurn};
use serde::Deserialize;

use super::auth::WidgetShop;
use super::body::JsonBody;
use super::ApiError;
use crate::server::assistant::{self, normalise, Turn};
use crate::server::AppState;

// Limits of a request, stated in the OpenAPI document too (`openapi.rs`).
pub(super) const MAX_ID_LEN: usize = 128;
pub(super) const MAX_CATEGORIES: usize = 20;
pub(super) const MAX_CATEGORY: usize = 64;
pub(super) const MAX_OFFSET: u32 = 10_000;
pub(super) const MAX_QUANTITY: u32 = 9_999;
pub(super) const AUTOCOMPLETE_MAX_LIMIT: u32 = 20;

/// `GET /api/widget/search` parameters: the POST body's fields, flat.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What the shopper typed.
    q: Option<String>,
    language: Option<String>,
    conversation_id: Option<String>,
    /// Comma-separated categories; a product in any of them matches.
    category: Option<String>,
    min_price: Option<f64>,
    max_price: Option<f64>,
    in_stock: Option<bool>,
    limit: Option<u32>,
    offset: Option<u32>,
}

/// `GET /api/widget/search?q=..`: a catalog search (no cart; the agent still
/// understands the query).
#[utoipa::path(
    get,
    path = "/api/widget/search",
    tag = "widget",
    params(SearchParams),
    security(("widget_token" = [])),
    responses(
        (status = 200, description = "Results, filters and the agent's answer", body = SearchResponse),
        (status = 400, description = "Missing q or an invalid parameter", body = cartlift_contract::ApiError),
        (status = 401, description = "X-Widget-Token missing or not a widget token", body = cartlift_contract::ApiError),
    )
)]
pub async fn search_get(
    State(state): State<AppState>,
    WidgetShop(shop): WidgetShop,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let Query(p) = params
        .map_err(|e| ApiError::bad_request(format!("invalid query string: {}", e.body_text())))?;
    // Each comma-separated name is checked as sent (blank ones are skipped).
    let listed: Vec<&str> = p
        .category
        .as_deref()
        .map_or(Vec::new(), |c| c.split(',').collect());
    if listed.len() > MAX_CATEGORIES {
        return Err(ApiError::bad_request(format!(
            "category lists {} names; at most {MAX_CATEGORIES}",
            listed.len()
        )));
    }
    if let Some(long) = listed.iter().find(|c| c.chars().count() > MAX_CATEGORY) {
        return Err(ApiError::bad_request(format!(
            "category name {long:?} is longer than {MAX_CATEGORY} characters"
        )));
    }
    let categories = listed
        .into_iter()
        .filter(|c| !super::is_blank(c))
        .map(|c| c.trim().to_string())
        .collect();
    let filters = SearchFilters {
        categories,
        min_price: p.min_price,
        max_price: p.max_price,
        in_stock: p.in_stock,
    };
    let req = SearchRequest {
        query: p.q.ok_or_else(|| {
            ApiError::bad_request(
                "the q parameter is missing: send what the shopper typed, e.g. ?q=lantern",
            )
        })?,
        language: p.language,
        conversation_id: p.conversation_id,
        filters: (!filters.is_empty()).then_some(filters),
        cart_snapshot: None,
        limit: p.limit,
        offset: p.offset,
    };
    run(&state, &shop, req).await.map(Json)
}

/// `POST /api/widget/search`: a search turn of a conversation. With a
/// `cartSnapshot` the agent may answer with one `cartAction`.
#[utoipa::path(
    post,
    path = "/api/widget/search",
    tag = "widget",
    request_body = SearchRequest,
    security(("widget_token" = [])),
    responses(
        (status = 200, description = "Results, filters, the agent's answer and at most one cart action", body = SearchResponse),
        (status = 400, description = "Malformed JSON or an invalid field (the message names it)", body = cartlift_contract::ApiError),
        (status = 401, description = "X-Widget-Token missing or not a widget token", body = cartlift_contract::ApiError),
        (status = 413, description = "Body larger than 64 KiB", body = cartlift_contract::ApiError),
        (status = 415, description = "Content-Type is not application/json", body = cartlift_contract::ApiError),
    )
)]
pub async fn search_post(
    State(state): State<AppState>,
    WidgetShop(shop): WidgetShop,
    JsonBody(req): JsonBody<SearchRequest>,
) -> Result<Json<SearchResponse>, ApiError> {
    run(&state, &shop, req).await.map(Json)
}

async fn run(
    state: &AppState,
    shop: &cartlift_store::Shop,
    req: SearchRequest,
) -> Result<SearchResponse, ApiError> {
    let started = Instant::now();
    if super::is_blank(&req.query) {
        return Err(ApiError::bad_request(
            "query is empty: send what the shopper typed",
        ));
    }
    if req.query.chars().count() > QUERY_MAX_CHARS {
        return Err(ApiError::bad_request(format!(
            "query is longer than {QUERY_MAX_CHARS} characters"
        )));
    }
    let query = req.query.trim();
    // A language cartlift does not speak gets the shop's; absent, the agent detects it.
    let language = req.language.as_deref().map(|l| {
        l.parse::<Language>()
            .unwrap_or_else(|_| shop.language.parse().unwrap_or_default())
    });
    let limit = req.limit.unwrap_or(SEARCH_DEFAULT_LIMIT);
    if !(1..=SEARCH_MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be from 1 to {SEARCH_MAX_LIMIT}, got {limit}"
        )));
    }
    let offset = req.offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset must be at most {MAX_OFFSET}, got {offset}"
        )));
    }
    let filters = req.filters.clone().unwrap_or_default();
    check_filters(&filters)?;
    if let Some(cart) = &req.cart_snapshot {
        check_snapshot(cart)?;
    }
    if req
        .conversation_id
        .as_ref()
        .is_some_and(|c| super::is_blank(c) || c.chars().count() > MAX_ID_LEN)
    {
        return Err(ApiError::bad_request(format!(
            "conversationId must be 1 to {MAX_ID_LEN} characters"
        )));
    }

    // A known conversation goes on; an unknown or absent one starts afresh.
    let known = match &req.conversation_id {
        Some(id) => state.store.conversation(shop, id).await?,
        None => None,
    };
    let is_new = known.is_none();
    let mut conversation = known.unwrap_or_else(|| Conversation {
        id: uuid::Uuid::new_v4().to_string(),
        ..Conversation::default()
    });
    let memory = cartlift_agent::Memory {
        last_item_key: conversation.last_item_key.clone(),
        destination: conversation.destination_country.clone(),
    };

    let engine = state.engines.get(&state.store, shop).await?;
    let search_filters = Filters {
        categories: filters.categories.clone(),
        min_price: filters.min_price,
        max_price: filters.max_price,
        in_stock: filters.in_stock,
    };
    let (answer, results) = {
        let engine = engine.read();
        let turn = Turn {
            text: query,
            language,
            filters: &search_filters,
            offset: offset as usize,
            limit: limit as usize,
            cart: req.cart_snapshot.as_ref(),
            memory,
        };
        let answer = assistant::answer(&engine, &turn).map_err(ApiError::internal)?;
        let results: Vec<_> = answer
            .results
            .iter()
            .map(|&(idx, score)| {
                let mut dto = engine.product_dto(idx);
                dto.score = Some((f64::from(score) * 1000.0).round() / 1000.0);
                dto
            })
            .collect();
        (answer, results)
    };

    conversation.turns += 1;
    conversation.language = answer.language.code().to_string();
    conversation.last_item_key = answer.memory.last_item_key.clone();
    conversation.destination_country = answer.memory.destination.clone();
    let query_time_ms = (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0;
    let turn = SearchTurn {
        conversation_id: Some(conversation.id.clone()),
        turn_number: Some(conversation.turns),
        query: normalise(query),
        language: answer.language.code().to_string(),
        intent: answer.intent.to_string(),
        total: answer.total,
        cart_action: answer.cart_action.as_ref().map(|a| {
            serde_json::to_value(a.kind)
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .unwrap_or_default()
        }),
        query_time_ms,
    };
    let search_log_id = state
        .store
        .log_search(shop, &turn, Some(&conversation))
        .await?;

    Ok(SearchResponse {
        query: turn.query,
        results,
        total: answer.total,
        search_log_id,
        query_time_ms,
        intent_id: Some(answer.intent.to_string()),
        conversation_id: Some(conversation.id),
        is_new_conversation: Some(is_new),
        turn_number: Some(conversation.turns),
        filters_applied: (!filters.is_empty()).then_some(filters),
        available_filters: answer.available_filters,
        query_suggestions: (!answer.query_suggestions.is_empty())
            .then_some(answer.query_suggestions),
        ai_response: (!answer.ai_response.is_empty()).then_some(answer.ai_response),
        cart_action: answer.cart_action,
        quick_replies: (!answer.quick_replies.is_empty()).then_some(answer.quick_replies),
        response_language: Some(answer.language.code().to_string()),
    })
}

fn check_filters(f: &SearchFilters) -> Result<(), ApiError> {
    if f.categories.len() > MAX_CATEGORIES {
        return Err(ApiError::bad_request(format!(
            "filters.categories holds {}; at most {MAX_CATEGORIES}",
            f.categories.len()
        )));
    }
    if f.categories
        .iter()
        .any(|c| super::is_blank(c) || c.chars().count() > MAX_CATEGORY)
    {
        return Err(ApiError::bad_request(format!(
            "filters.categories must be names of 1 to {MAX_CATEGORY} characters"
        )));
    }
    for (name, v) in [("minPrice", f.min_price), ("maxPrice", f.max_price)] {
        if v.is_some_and(|v| !v.is_finite() || v < 0.0) {
            return Err(ApiError::bad_request(format!(
                "filters.{name} must be a number of 0 or more"
            )));
        }
    }
    // A minPrice above maxPrice is a range no product is in: an empty page, not an
    // error (the OpenAPI document cannot state a rule between two fields).
    Ok(())
}

/// The snapshot must describe a cart the widget really read: ids present, sane
/// numbers, and (when complete) a hash that matches its lines.
fn check_snapshot(c: &CartSnapshot) -> Result<(), ApiError> {
    let bad = |m: String| Err(ApiError::bad_request(format!("cartSnapshot.{m}")));
    if c.currency.len() != 3 || !c.currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return bad(format!(
            "currency must be an ISO 4217 code like \"GBP\", got {:?}",
            c.currency
        ));
    }
    if c.items.len() > SNAPSHOT_MAX_ITEMS {
        return bad(format!("items holds {} lines; at most {SNAPSHOT_MAX_ITEMS} (cut the rest and set truncated: true)", c.items.len()));
    }
    for (name, v) in [("subtotal", c.subtotal), ("total", c.total)] {
        if !v.is_finite() || v < 0.0 {
            return bad(format!("{name} must be a number of 0 or more"));
        }
    }
    for (i, item) in c.items.iter().enumerate() {
        if super::is_blank(&item.key)
            || item.key.chars().count() > MAX_ID_LEN
            || super::is_blank(&item.id)
            || item.id.chars().count() > MAX_ID_LEN
        {
            return bad(format!(
                "items[{i}]: key and id must be 1 to {MAX_ID_LEN} characters"
            ));
        }
        if item.quantity == 0 || item.quantity > MAX_QUANTITY {
            return bad(format!(
                "items[{i}].quantity must be from 1 to {MAX_QUANTITY}"
            ));
        }
        if !item.price.is_finite() || item.price < 0.0 {
            return bad(format!("items[{i}].price must be a number of 0 or more"));
        }
        if c.items[..i].iter().any(|other| other.key == item.key) {
            return bad(format!("items[{i}].key {:?} appears twice", item.key));
        }
    }
    // `totalItems` is not checked against the lines: the lines are what the agent
    // acts on, and the OpenAPI document cannot state a rule between two fields.
    // `hash` is the client's own (the reference documents do not define it): it may
    // tell a changed cart, it is never a reason to refuse one.
    if chrono::DateTime::parse_from_rfc3339(&c.updated_at).is_err() {
        return bad(format!(
            "updatedAt must be an ISO-8601 time like 2026-11-25T10:00:00Z, got {:?}",
            c.updated_at
        ));
    }
    Ok(())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AutocompleteParams {
    /// What the shopper has typed so far.
    q: Option<String>,
    /// At most this many suggestions (1 to 20, default 8).
    limit: Option<u32>,
}

/// `GET /api/widget/search/autocomplete?q=..`: phrases, categories and products
/// for what the shopper has typed so far, each with its count.
#[utoipa::path(
    get,
    path = "/api/widget/search/autocomplete",
    tag = "widget",
    params(AutocompleteParams),
    security(("widget_token" = [])),
    responses(
        (status = 200, description = "Suggestions, best first (empty when nothing matches)", body = AutocompleteResponse),
        (status = 400, description = "Missing q or an invalid limit", body = cartlift_contract::ApiError),
        (status = 401, description = "X-Widget-Token missing or not a widget token", body = cartlift_contract::ApiError),
    )
)]
pub async fn autocomplete(
    State(state): State<AppState>,
    WidgetShop(shop): WidgetShop,
    params: Result<Query<AutocompleteParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<AutocompleteResponse>, ApiError> {
    let Query(p) = params
        .map_err(|e| ApiError::bad_request(format!("invalid query string: {}", e.body_text())))?;
    let q = p.q.ok_or_else(|| {
        ApiError::bad_request("the q parameter is missing: send what the shopper has typed")
    })?;
    if q.chars().count() > QUERY_MAX_CHARS {
        return Err(ApiError::bad_request(format!(
            "q is longer than {QUERY_MAX_CHARS} characters"
        )));
    }
    let limit = p.limit.unwrap_or(8);
    if !(1..=AUTOCOMPLETE_MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be from 1 to {AUTOCOMPLETE_MAX_LIMIT}, got {limit}"
        )));
    }
    let engine = state.engines.get(&state.store, &shop).await?;
    let engine = engine.read();
    let suggestions = engine
        .search
        .autocomplete(&q, limit as usize)
        .into_iter()
        .map(|c| Suggestion {
            kind: match c.kind {
                CompletionKind::Query => SuggestionType::Query,
                CompletionKind::Category => SuggestionType::Category,
                CompletionKind::Product => SuggestionType::Product,
            },
            text: c.text,
            count: Some(u64::from(c.count)),
            icon: None,
            product: c
                .key
                .map(|k| engine.product_dto(cartlift_engine::ProductIdx(k))),
        })
        .collect();
    Ok(Json(AutocompleteResponse {
        query: normalise(&q),
        suggestions,
    }))
}
