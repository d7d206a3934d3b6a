//! `GET /api/openapi.json`: the widget API described from the handlers themselves
//! (their `#[utoipa::path]` attributes) and the contract DTOs, with every limit the
//! handlers enforce (from their own constants), so a client or a fuzzer generating
//! requests from the document sends only what the server takes.
//!
//! Rules JSON Schema cannot state (unique line keys in a snapshot, no personal data
//! in `metadata`) are in the descriptions.

use std::sync::LazyLock;

use axum::Json;
use cartlift_contract::{
    CROSS_SELL_MAX_LIMIT, QUERY_MAX_CHARS, SEARCH_MAX_LIMIT, SNAPSHOT_MAX_ITEMS,
};
use serde_json::{json, Value};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{cross_sell as cs, search, track, NOT_BLANK};

#[derive(OpenApi)]
#[openapi(
    info(title = "cartlift widget API", description = "Cross-sell recommendations, conversational search with cart actions, and tracking for the cart widget."),
    paths(
        super::cross_sell::cross_sell,
        super::search::search_get,
        super::search::search_post,
        super::search::autocomplete,
        super::track::click,
        super::track::event,
        super::experiment::assignment
    ),
    modifiers(&WidgetToken)
)]
struct WidgetApi;

/// The `X-Widget-Token` header every widget call carries.
struct WidgetToken;

impl Modify for WidgetToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "widget_token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-Widget-Token"))),
        );
    }
}

static DOCUMENT: LazyLock<Value> = LazyLock::new(|| {
    let mut doc = serde_json::to_value(WidgetApi::openapi()).expect("the document serialises");
    add_limits(&mut doc);
    doc
});

pub async fn document() -> Json<Value> {
    Json(DOCUMENT.clone())
}

/// A product id, line key or conversation id: 1 to 128 characters, not blank.
fn id() -> Value {
    json!({ "minLength": 1, "maxLength": cs::MAX_ID_LEN, "pattern": NOT_BLANK })
}

/// An RFC 3339 time, as the handlers read it: real months, days and hours (days up
/// to 28, which every month has), in a year before this one, so never ahead.
fn time() -> Value {
    use chrono::Datelike;
    // Years 1900 to last year, as digits: 19xx, 20[0..d-1]x, 20d[0..l].
    let last_year = chrono::Utc::now().year() - 1;
    let (decade, last) = (last_year / 10 % 10, last_year % 10);
    let pattern = format!(
        "^(19[0-9]{{2}}|20[0-{}][0-9]|20{decade}[0-{last}])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{{1,9}})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$",
        decade.max(1) - 1
    );
    json!({ "format": "date-time", "pattern": pattern, "description": "RFC 3339, like 2024-05-01T10:00:00Z; not in the future" })
}

fn ids(max: usize) -> Value {
    json!({ "maxItems": max, "items": id() })
}

fn add_limits(doc: &mut Value) {
    let schemas = &mut doc["components"]["schemas"];
    let mut limit = |schema: &str, property: &str, limits: Value| {
        merge(&mut schemas[schema]["properties"][property], limits);
    };
    limit("CrossSellRequest", "productIds", ids(cs::MAX_CART_IDS));
    limit(
        "CrossSellRequest",
        "excludeProductIds",
        ids(cs::MAX_EXCLUDED_IDS),
    );
    limit(
        "CrossSellRequest",
        "limit",
        json!({ "minimum": 1, "maximum": CROSS_SELL_MAX_LIMIT }),
    );
    limit(
        "SearchRequest",
        "query",
        json!({ "minLength": 1, "maxLength": QUERY_MAX_CHARS, "pattern": NOT_BLANK }),
    );
    limit("SearchRequest", "conversationId", id());
    limit(
        "SearchRequest",
        "limit",
        json!({ "minimum": 1, "maximum": SEARCH_MAX_LIMIT }),
    );
    limit(
        "SearchRequest",
        "offset",
        json!({ "minimum": 0, "maximum": search::MAX_OFFSET }),
    );
    limit(
        "SearchFilters",
        "categories",
        json!({ "maxItems": search::MAX_CATEGORIES, "items": { "minLength": 1, "maxLength": search::MAX_CATEGORY, "pattern": NOT_BLANK } }),
    );
    for price in ["minPrice", "maxPrice"] {
        limit(
            "SearchFilters",
            price,
            json!({ "minimum": 0, "description": "0 or more; a minPrice above maxPrice matches nothing" }),
        );
    }
    limit(
        "CartSnapshot",
        "currency",
        json!({ "pattern": "^[A-Z]{3}$" }),
    );
    limit(
        "CartSnapshot",
        "items",
        json!({ "maxItems": SNAPSHOT_MAX_ITEMS, "uniqueItems": true, "description": "Line keys unique; the lines are the cart (totalItems is not checked against them)" }),
    );
    // Any count up to u32's largest (utoipa calls a u32 an int32).
    limit(
        "CartSnapshot",
        "totalItems",
        json!({ "format": null, "minimum": 0, "maximum": u32::MAX }),
    );
    for money in ["subtotal", "total"] {
        limit("CartSnapshot", money, json!({ "minimum": 0 }));
    }
    limit("CartSnapshot", "updatedAt", time());
    limit("CartSnapshotItem", "key", id());
    limit("CartSnapshotItem", "id", id());
    limit(
        "CartSnapshotItem",
        "quantity",
        json!({ "minimum": 1, "maximum": search::MAX_QUANTITY }),
    );
    limit("CartSnapshotItem", "price", json!({ "minimum": 0 }));
    limit(
        "Event",
        "type",
        json!({ "pattern": track::TYPE_PATTERN, "description": "snake_case: click, impression, category_click...; /api/widget/track/click takes only types containing \"click\"" }),
    );
    limit(
        "Event",
        "searchLogId",
        json!({ "minLength": 1, "maxLength": track::MAX_SEARCH_LOG_ID }),
    );
    limit(
        "Event",
        "metadata",
        json!({
            "maxProperties": track::MAX_METADATA_KEYS,
            "propertyNames": { "minLength": 1, "maxLength": track::MAX_METADATA_KEY },
            "properties": { "source": { "type": ["string", "number", "boolean", "null"], "pattern": "^[a-z_]+$", "maxLength": track::MAX_METADATA_TEXT } },
            "additionalProperties": {
                "type": ["string", "number", "boolean", "null"],
                "maxLength": track::MAX_METADATA_TEXT
            },
            "description": "Flat pairs, never personal data: keys such as email, phone, name or address, and values that look like an email address, are refused"
        }),
    );
    limit("Event", "timestamp", time());

    // The click endpoint takes only click types: its own copy of the schema says so.
    let mut click = schemas["Event"].clone();
    merge(
        &mut click["properties"]["type"],
        json!({ "pattern": track::CLICK_TYPE_PATTERN, "maxLength": 64, "description": "A click type: click, category_click..." }),
    );
    schemas["ClickEvent"] = click;
    doc["paths"]["/api/widget/track/click"]["post"]["requestBody"]["content"]["application/json"]
        ["schema"]["$ref"] = json!("#/components/schemas/ClickEvent");

    let paths = &mut doc["paths"];
    // A header value: printable ASCII without spaces at its ends (HTTP trims them).
    let visitor = json!({ "minLength": 1, "maxLength": super::experiment::MAX_VISITOR_ID, "pattern": "^[!-~]([ -~]*[!-~])?$" });
    for p in paths["/api/widget/cart/cross-sell"]["post"]["parameters"]
        .as_array_mut()
        .expect("cross-sell has its visitor header")
        .iter_mut()
        .filter(|p| p["name"] == "X-Visitor-Id")
    {
        merge(&mut p["schema"], visitor.clone());
    }
    let mut param = |path: &str, name: &str, limits: Value| {
        let params = paths[path]["get"]["parameters"]
            .as_array_mut()
            .expect("the GET endpoint has parameters");
        let p = params
            .iter_mut()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{path} has no parameter {name}"));
        if let Some(required) = limits.get("required") {
            p["required"] = required.clone();
        }
        let mut limits = limits;
        limits.as_object_mut().map(|l| l.remove("required"));
        merge(&mut p["schema"], limits);
    };
    let s = "/api/widget/search";
    param(
        s,
        "q",
        json!({ "required": true, "minLength": 1, "maxLength": QUERY_MAX_CHARS, "pattern": NOT_BLANK }),
    );
    param(s, "conversationId", id());
    param(
        s,
        "category",
        json!({ "pattern": format!("^[^,]{{0,{c}}}(,[^,]{{0,{c}}}){{0,{n}}}$", c = search::MAX_CATEGORY, n = search::MAX_CATEGORIES - 1) }),
    );
    for price in ["minPrice", "maxPrice"] {
        param(s, price, json!({ "minimum": 0 }));
    }
    param(
        s,
        "limit",
        json!({ "minimum": 1, "maximum": SEARCH_MAX_LIMIT }),
    );
    param(
        s,
        "offset",
        json!({ "minimum": 0, "maximum": search::MAX_OFFSET }),
    );
    param(
        "/api/widget/experiment",
        "visitorId",
        json!({ "required": true, "minLength": 1, "maxLength": super::experiment::MAX_VISITOR_ID, "pattern": NOT_BLANK }),
    );
    let a = "/api/widget/search/autocomplete";
    param(
        a,
        "q",
        json!({ "required": true, "maxLength": QUERY_MAX_CHARS }),
    );
    param(
        a,
        "limit",
        json!({ "minimum": 1, "maximum": search::AUTOCOMPLETE_MAX_LIMIT }),
    );
}

/// Adds `limits` to a schema (a `null` removes that keyword); a field that is a
/// `$ref` or an `oneOf` (an optional object) gets them beside it.
fn merge(schema: &mut Value, limits: Value) {
    let (Some(schema), Value::Object(limits)) = (schema.as_object_mut(), limits) else {
        panic!("no such schema to limit");
    };
    for (k, v) in limits {
        match (schema.get_mut(&k), v) {
            // `null` takes a keyword away.
            (_, Value::Null) => {
                schema.remove(&k);
            }
            (Some(Value::Object(old)), Value::Object(new)) => old.extend(new),
            (_, v) => {
                schema.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_states_the_handlers_limits() {
        let doc = &*DOCUMENT;
        let cs = &doc["components"]["schemas"]["CrossSellRequest"]["properties"];
        assert_eq!(cs["limit"]["maximum"], CROSS_SELL_MAX_LIMIT);
        assert_eq!(cs["productIds"]["items"]["maxLength"], 128);
        let q = doc["paths"]["/api/widget/search"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "q")
            .unwrap();
        assert_eq!(q["required"], true);
        assert_eq!(
            doc["components"]["schemas"]["Event"]["properties"]["type"]["pattern"],
            track::TYPE_PATTERN
        );
        let click = &doc["paths"]["/api/widget/track/click"]["post"]["requestBody"];
        assert_eq!(
            click["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ClickEvent"
        );
    }
}
