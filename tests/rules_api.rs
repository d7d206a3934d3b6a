//! The shop's rules over GraphQL (`/graphql`): the `Crossupsell` type as the reference
//! document gives it, its operations, every validation error with its code, and the
//! rules acting in the cross-sell answer.
#![cfg(feature = "ssr")]

mod common;

use axum::http::StatusCode;
use serde_json::{json, Value};

use common::{json, server, TestServer};

async fn gql(s: &TestServer, query: &str, variables: Value) -> Value {
    let key = s.admin_key();
    let res = s
        .post_json(
            "/graphql",
            &[("x-admin-key", &key)],
            &json!({ "query": query, "variables": variables }).to_string(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    json(res).await
}

const CREATE: &str = "mutation($input: CrossupsellInput!) { crossupsellCreate(input: $input) { id type subType createdAt lastModifiedAt productFrom { id name } productTo { id name ... on Product { externalId } } clusterTo { id } } }";

#[tokio::test]
async fn the_crossupsell_type_is_the_documents() {
    let s = server(&[]).await;
    let body = gql(
        &s,
        r#"{ __type(name: "Crossupsell") { fields { name args { name type { name } } type { kind name ofType { name } } } } }"#,
        json!({}),
    )
    .await;
    let fields = body["data"]["__type"]["fields"].as_array().unwrap();
    let field = |n: &str| {
        fields
            .iter()
            .find(|f| f["name"] == n)
            .unwrap_or_else(|| panic!("no field {n}: {body}"))
    };
    for (name, kind, ty) in [
        ("id", "NON_NULL", "String"),
        ("createdAt", "NON_NULL", "DateTime"),
        ("lastModifiedAt", "NON_NULL", "DateTime"),
        ("type", "NON_NULL", "CrossupsellType"),
    ] {
        assert_eq!(field(name)["type"]["kind"], kind, "{name}");
        assert_eq!(field(name)["type"]["ofType"]["name"], ty, "{name}");
    }
    assert_eq!(field("subType")["type"]["name"], "String");
    for end in ["productTo", "productFrom", "clusterTo", "clusterFrom"] {
        assert_eq!(field(end)["type"]["name"], "IBaseProduct", "{end}");
        assert_eq!(
            field(end)["args"],
            json!([{ "name": "hidden", "type": { "name": "Boolean" } }])
        );
    }
    let kinds = gql(
        &s,
        r#"{ __type(name: "CrossupsellType") { enumValues { name } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(
        kinds["data"]["__type"]["enumValues"],
        json!([{"name":"ACCESSORIES"},{"name":"ALTERNATIVES"},{"name":"OPTIONS"},{"name":"PARTS"},{"name":"RELATED"}])
    );
    let response = gql(
        &s,
        r#"{ __type(name: "CrossupsellsResponse") { fields { name } } }"#,
        json!({}),
    )
    .await;
    let names: Vec<&str> = response["data"]["__type"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["items", "total", "page", "pages"]);
}

#[tokio::test]
async fn rules_are_created_listed_updated_and_deleted_and_act_in_the_ranking() {
    let s = server(&[]).await;
    let created = gql(
        &s,
        CREATE,
        json!({ "input": { "type": "ACCESSORIES", "subType": "ESSENTIAL", "productFrom": "LANTERN", "productTo": "TIN" } }),
    )
    .await;
    let rule = &created["data"]["crossupsellCreate"];
    assert_eq!(rule["type"], "ACCESSORIES", "{created}");
    assert_eq!(rule["productFrom"]["name"], "WHITE METAL LANTERN");
    assert_eq!(rule["productTo"]["externalId"], "TIN");
    assert_eq!(rule["clusterTo"], Value::Null);
    let id = rule["id"].as_str().unwrap().to_string();

    // The next cross-sell answer follows it.
    let first = s
        .first_suggestion_becomes(r#"{"productIds":["LANTERN"]}"#, "TIN")
        .await;
    assert_eq!(first["externalId"], "TIN");
    assert_eq!(first["aiReason"], "An accessory for WHITE METAL LANTERN");

    let cluster = gql(
        &s,
        "mutation { clusterCreate(input: { name: \"Kitchen\", productIds: [\"MUG\", \"TIN\"] }) { id name productIds } }",
        json!({}),
    )
    .await;
    let cluster_id = cluster["data"]["clusterCreate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    gql(
        &s,
        CREATE,
        json!({ "input": { "type": "PARTS", "productFrom": "CANDLE", "clusterTo": cluster_id } }),
    )
    .await;

    let page = gql(
        &s,
        "query($f: CrossupsellFilter) { crossupsells(filter: $f, page: 1, pageSize: 1) { total page pages items { id type } } }",
        json!({ "f": null }),
    )
    .await;
    assert_eq!(page["data"]["crossupsells"]["total"], 2, "{page}");
    assert_eq!(page["data"]["crossupsells"]["pages"], 2);
    assert_eq!(page["data"]["crossupsells"]["items"][0]["id"], id.as_str());
    let parts = gql(
        &s,
        "query($f: CrossupsellFilter) { crossupsells(filter: $f) { total items { type clusterTo { name } } } }",
        json!({ "f": { "type": "PARTS", "clusterTo": cluster_id } }),
    )
    .await;
    assert_eq!(parts["data"]["crossupsells"]["total"], 1, "{parts}");
    assert_eq!(
        parts["data"]["crossupsells"]["items"][0]["clusterTo"]["name"],
        "Kitchen"
    );
    let by_product = gql(
        &s,
        "{ crossupsells(filter: { productFrom: \"LANTERN\" }) { total } }",
        json!({}),
    )
    .await;
    assert_eq!(
        by_product["data"]["crossupsells"]["total"], 1,
        "{by_product}"
    );

    let updated = gql(
        &s,
        "mutation($id: String!, $input: CrossupsellInput!) { crossupsellUpdate(id: $id, input: $input) { id type productTo { name } } }",
        json!({ "id": id, "input": { "type": "OPTIONS", "productFrom": "LANTERN", "productTo": "BAG" } }),
    )
    .await;
    assert_eq!(
        updated["data"]["crossupsellUpdate"]["type"], "OPTIONS",
        "{updated}"
    );
    let deleted = gql(
        &s,
        "mutation($id: String!) { crossupsellDelete(id: $id) }",
        json!({ "id": id }),
    )
    .await;
    assert_eq!(deleted["data"]["crossupsellDelete"], true);
    let gone = gql(
        &s,
        "query($id: String!) { crossupsell(id: $id) { id } }",
        json!({ "id": id }),
    )
    .await;
    assert_eq!(
        gone["errors"][0]["extensions"]["code"], "NOT_FOUND",
        "{gone}"
    );
}

#[tokio::test]
async fn every_mistake_is_a_graphql_error_with_a_code() {
    let s = server(&[]).await;
    let store = &s.state.store;
    let other = store
        .create_shop("other", "Other", "GBP", "en")
        .await
        .unwrap()
        .shop;
    store
        .import(
            &other,
            &[common::product("ELSEWHERE", "NOT OURS", &[])],
            &[],
        )
        .await
        .unwrap();
    let long = "x".repeat(65);
    for (input, needle) in [
        (
            json!({ "type": "PARTS", "productFrom": "LANTERN", "clusterFrom": "c", "productTo": "TIN" }),
            "not both",
        ),
        (
            json!({ "type": "PARTS", "productFrom": "LANTERN" }),
            "needs productTo or clusterTo",
        ),
        (
            json!({ "type": "PARTS", "productFrom": "LANTERN", "productTo": "ELSEWHERE" }),
            "not a product of this shop",
        ),
        (
            json!({ "type": "PARTS", "productFrom": "LANTERN", "productTo": "TIN", "subType": long }),
            "at most 64",
        ),
        (
            json!({ "type": "PARTS", "productFrom": "LANTERN", "productTo": "LANTERN" }),
            "to itself",
        ),
    ] {
        let body = gql(&s, CREATE, json!({ "input": input })).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(needle),
            "{needle}: {body}"
        );
    }
    let unknown = gql(
        &s,
        "mutation { crossupsellDelete(id: \"nope\") }",
        json!({}),
    )
    .await;
    assert_eq!(unknown["errors"][0]["extensions"]["code"], "NOT_FOUND");
    let bad_type = gql(
        &s,
        CREATE,
        json!({ "input": { "type": "SPARES", "productFrom": "LANTERN", "productTo": "TIN" } }),
    )
    .await;
    assert!(
        bad_type["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("SPARES"),
        "{bad_type}"
    );

    // No admin key, or the widget token: a JSON 401 before any GraphQL.
    let res = s
        .post_json("/graphql", &[], r#"{"query":"{ clusters { id } }"}"#)
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(json(res).await["message"]
        .as_str()
        .unwrap()
        .contains("admin key"));
    let token = s.widget_token();
    let res = s
        .post_json(
            "/graphql",
            &[("x-admin-key", &token)],
            r#"{"query":"{ clusters { id } }"}"#,
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let key = s.admin_key();
    let res = s
        .post_json("/graphql", &[("x-admin-key", &key)], "not json")
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn category_rules_are_edited_over_graphql_and_act_without_a_restart() {
    let s = server(&[]).await;
    let categories = gql(&s, "{ categories { name productCount } }", json!({})).await;
    assert_eq!(
        categories["data"]["categories"][0],
        json!({ "name": "bags", "productCount": 1 }),
        "{categories}"
    );
    const SET: &str =
        "mutation($r: CategoryRuleInput!) { categoryRuleSet(input: $r) { from to effect boost } }";
    let answer = json(s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await).await;
    assert_eq!(answer["products"][0]["externalId"], "CANDLE", "{answer}");

    let set = gql(
        &s,
        SET,
        json!({ "r": { "from": "lighting", "to": "candles", "effect": "DENY" } }),
    )
    .await;
    assert_eq!(
        set["data"]["categoryRuleSet"],
        json!([{ "from": "lighting", "to": "candles", "effect": "DENY", "boost": null }]),
        "{set}"
    );
    // The running engine follows within a second (the key cache re-reads the shop).
    let mut denied = false;
    for _ in 0..30 {
        let answer = json(s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await).await;
        let ids: Vec<&str> = answer["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["externalId"].as_str().unwrap())
            .collect();
        if !ids.contains(&"CANDLE") {
            denied = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(denied, "the deny rule never acted");

    let boosted = gql(
        &s,
        SET,
        json!({ "r": { "from": "*", "to": "kitchen", "effect": "BOOST", "boost": 3.0 } }),
    )
    .await;
    assert_eq!(
        boosted["data"]["categoryRuleSet"][1]["boost"], 3.0,
        "{boosted}"
    );
    let listed = gql(&s, "{ categoryRules { from to effect } }", json!({})).await;
    assert_eq!(listed["data"]["categoryRules"].as_array().unwrap().len(), 2);

    for (rule, needle) in [
        (
            json!({ "from": "Lighting", "to": "candles", "effect": "DENY" }),
            "did you mean \"lighting\"",
        ),
        (
            json!({ "from": "*", "to": "kitchen", "effect": "BOOST" }),
            "needs its factor",
        ),
        (
            json!({ "from": "*", "to": "kitchen", "effect": "BOOST", "boost": 0.0 }),
            "between 0.01 and 100",
        ),
        (
            json!({ "from": "*", "to": "kitchen", "effect": "DENY", "boost": 2.0 }),
            "only a BOOST",
        ),
    ] {
        let body = gql(&s, SET, json!({ "r": rule })).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(needle), "{needle}: {body}");
    }
    let replaced = gql(
        &s,
        "mutation($rs: [CategoryRuleInput!]!) { categoryRulesReplace(rules: $rs) { from } }",
        json!({ "rs": [{ "from": "bags", "to": "*", "effect": "ALLOW" }, { "from": "nope", "to": "*", "effect": "ALLOW" }] }),
    )
    .await;
    assert!(
        replaced["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("rule 2:"),
        "{replaced}"
    );
    let deleted = gql(
        &s,
        "mutation { categoryRuleDelete(from: \"lighting\", to: \"candles\") }",
        json!({}),
    )
    .await;
    assert_eq!(deleted["data"]["categoryRuleDelete"], true, "{deleted}");
    let again = gql(
        &s,
        "mutation { categoryRuleDelete(from: \"lighting\", to: \"candles\") }",
        json!({}),
    )
    .await;
    assert_eq!(again["errors"][0]["extensions"]["code"], "NOT_FOUND");
    let listed = gql(&s, "{ categoryRules { from to effect boost } }", json!({})).await;
    assert_eq!(
        listed["data"]["categoryRules"],
        json!([{ "from": "*", "to": "kitchen", "effect": "BOOST", "boost": 3.0 }])
    );
}

#[tokio::test]
async fn clusters_are_changed_and_deleted_unless_a_rule_names_them() {
    let s = server(&[]).await;
    let created = gql(
        &s,
        "mutation { clusterCreate(input: { name: \"Kitchen\", productIds: [\"MUG\"] }) { id } }",
        json!({}),
    )
    .await;
    let id = created["data"]["clusterCreate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let updated = gql(
        &s,
        "mutation($id: String!) { clusterUpdate(id: $id, input: { name: \"Baking\", hidden: true, productIds: [\"TIN\", \"MUG\"] }) { name hidden productIds } }",
        json!({ "id": id }),
    )
    .await;
    let c = &updated["data"]["clusterUpdate"];
    assert_eq!(c["name"], "Baking", "{updated}");
    assert_eq!(c["hidden"], true);
    assert_eq!(c["productIds"].as_array().unwrap().len(), 2);
    let bad = gql(
        &s,
        "mutation($id: String!) { clusterUpdate(id: $id, input: { name: \"Baking\", productIds: [\"NOPE\"] }) { name } }",
        json!({ "id": id }),
    )
    .await;
    assert_eq!(
        bad["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{bad}"
    );
    gql(
        &s,
        CREATE,
        json!({ "input": { "type": "RELATED", "productFrom": "LANTERN", "clusterTo": id } }),
    )
    .await;
    let refused = gql(
        &s,
        "mutation($id: String!) { clusterDelete(id: $id) }",
        json!({ "id": id }),
    )
    .await;
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("1 rule(s) name this cluster"),
        "{refused}"
    );
    let rules = s.state.store.product_rules(&s.shop.shop).await.unwrap();
    s.state
        .store
        .delete_product_rule(&s.shop.shop, &rules[0].id)
        .await
        .unwrap();
    let deleted = gql(
        &s,
        "mutation($id: String!) { clusterDelete(id: $id) }",
        json!({ "id": id }),
    )
    .await;
    assert_eq!(deleted["data"]["clusterDelete"], true, "{deleted}");
    let gone = gql(&s, "{ clusters { id } }", json!({})).await;
    assert_eq!(gone["data"]["clusters"], json!([]));
}
