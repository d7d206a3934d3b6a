//! The admin pages over the real router and a real SQLite file: sign-in with the
//! admin key, rules written by plain form posts (mistakes come back with their
//! message and the typed fields), the preview with an unsaved rule, category rules,
//! the product picker, and GraphiQL for a signed-in admin only.
#![cfg(feature = "ssr")]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;

use common::{body_bytes, json, server, TestServer};

async fn text(res: Response) -> String {
    String::from_utf8(body_bytes(res).await).unwrap()
}

async fn get(s: &TestServer, path: &str, cookie: Option<&str>) -> Response {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    tokio::time::timeout(
        std::time::Duration::from_secs(30),
        s.send(req.body(Body::empty()).unwrap()),
    )
    .await
    .unwrap_or_else(|_| panic!("GET {path} hung"))
}

/// A plain HTML form post, as a browser without JavaScript sends it.
async fn post_form(
    s: &TestServer,
    path: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
) -> Response {
    let body = form
        .iter()
        .map(|(k, v)| format!("{k}={}", cartlift::storefront::encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://localhost/admin");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    tokio::time::timeout(
        std::time::Duration::from_secs(30),
        s.send(req.body(Body::from(body)).unwrap()),
    )
    .await
    .unwrap_or_else(|_| panic!("POST {path} hung"))
}

fn location(res: &Response) -> String {
    assert_eq!(res.status(), StatusCode::FOUND, "{res:?}");
    res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string()
}

/// Signs in; answers the cookie to send.
async fn sign_in(s: &TestServer) -> String {
    let res = post_form(s, "/api/admin_sign_in", None, &[("key", &s.admin_key())]).await;
    assert_eq!(location(&res), "/admin");
    let set = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    set.split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn only_an_admin_key_signs_in() {
    let s = server(&[]).await;
    let page = text(get(&s, "/admin", None).await).await;
    assert!(page.contains("data-testid=\"sign-in\""), "{page}");
    assert!(!page.contains("Product rules"));
    // The widget token is public: it is no admin key.
    let res = post_form(
        &s,
        "/api/admin_sign_in",
        None,
        &[("key", &s.widget_token())],
    )
    .await;
    assert!(location(&res).starts_with("/admin?error=that+is+not+an+admin+key"));
    assert!(res.headers().get(header::SET_COOKIE).is_none());
    let cookie = sign_in(&s).await;
    let page = text(get(&s, "/admin", Some(&cookie)).await).await;
    assert!(
        page.contains("Test Gifts") && page.contains("0 of 0 rules"),
        "{page}"
    );
    // Without a sign-in the picker answers nothing.
    let res = get(&s, "/api/admin_find_products?q=lantern", None).await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let found = json(get(&s, "/api/admin_find_products?q=lantern", Some(&cookie)).await).await;
    assert_eq!(found[0]["id"], "LANTERN", "{found}");
    assert_eq!(found[0]["name"], "WHITE METAL LANTERN");
    // A new admin key of the same label revokes the old one: its cookie signs out.
    s.state
        .store
        .reissue_admin_key(&s.shop.shop.id, "default")
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let page = text(get(&s, "/admin", Some(&cookie)).await).await;
    assert!(page.contains("data-testid=\"sign-in\""), "{page}");
}

#[tokio::test]
async fn rules_are_written_by_forms_and_act_in_the_drawer() {
    let s = server(&[]).await;
    let cookie = sign_in(&s).await;
    // A mistake returns to the form with its message and what was typed.
    let res = post_form(
        &s,
        "/api/admin_rule_save",
        Some(&cookie),
        &[
            ("kind", "ACCESSORIES"),
            ("product_from", "LANTERN"),
            ("product_to", "NO SUCH THING"),
            ("cluster_from", ""),
            ("cluster_to", ""),
            ("sub_type", ""),
            ("back", "/admin"),
        ],
    )
    .await;
    let back = location(&res);
    assert!(
        back.starts_with("/admin?error=no+product+of+the+shop+is+%22NO+SUCH+THING%22"),
        "{back}"
    );
    let page = text(get(&s, &back, Some(&cookie)).await).await;
    assert!(page.contains("data-testid=\"admin-error\""), "{page}");
    assert!(
        page.contains("value=\"NO SUCH THING\""),
        "the typed target is kept: {page}"
    );

    // A product may be typed by its whole name, in any case.
    let res = post_form(
        &s,
        "/api/admin_rule_save",
        Some(&cookie),
        &[
            ("kind", "ACCESSORIES"),
            ("product_from", "white metal lantern"),
            ("product_to", "TIN"),
            ("cluster_from", ""),
            ("cluster_to", ""),
            ("sub_type", "ESSENTIAL"),
            ("back", "/admin"),
        ],
    )
    .await;
    let saved = location(&res);
    assert!(saved.starts_with("/admin?saved="), "{saved}");
    let id = saved.trim_start_matches("/admin?saved=").to_string();
    let page = text(get(&s, &saved, Some(&cookie)).await).await;
    assert!(
        page.contains("1 of 1 rules") && page.contains("CAKE TIN"),
        "{page}"
    );
    assert!(page.contains("data-testid=\"admin-saved\""));

    let first = s
        .first_suggestion_becomes(r#"{"productIds":["LANTERN"]}"#, "TIN")
        .await;
    assert_eq!(first["externalId"], "TIN");

    // Edit: the form shows the rule; changing its type keeps its id.
    let edit = text(get(&s, &format!("/admin/rules/{id}"), Some(&cookie)).await).await;
    assert!(
        edit.contains("value=\"TIN\"") && edit.contains("Save changes"),
        "{edit}"
    );
    let res = post_form(
        &s,
        "/api/admin_rule_save",
        Some(&cookie),
        &[
            ("id", &id),
            ("kind", "OPTIONS"),
            ("product_from", "LANTERN"),
            ("product_to", "TIN"),
            ("cluster_from", ""),
            ("cluster_to", ""),
            ("sub_type", ""),
            ("back", &format!("/admin/rules/{id}")),
        ],
    )
    .await;
    assert_eq!(location(&res), format!("/admin?saved={id}"));
    let filtered = text(get(&s, "/admin?type=OPTIONS&product=tin", Some(&cookie)).await).await;
    assert!(filtered.contains("1 of 1 rules"), "{filtered}");
    let other = text(get(&s, "/admin?type=PARTS", Some(&cookie)).await).await;
    assert!(other.contains("0 of 1 rules"), "{other}");

    let res = post_form(&s, "/api/admin_rule_delete", Some(&cookie), &[("id", &id)]).await;
    assert_eq!(location(&res), "/admin?deleted=1");
    assert!(s
        .state
        .store
        .product_rules(&s.shop.shop)
        .await
        .unwrap()
        .is_empty());
    // Signed out, a form writes nothing.
    let res = post_form(
        &s,
        "/api/admin_rule_save",
        None,
        &[
            ("kind", "PARTS"),
            ("product_from", "LANTERN"),
            ("product_to", "TIN"),
            ("back", "/admin"),
        ],
    )
    .await;
    assert!(location(&res).contains("sign+in"));
    assert!(s
        .state
        .store
        .product_rules(&s.shop.shop)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_preview_shows_the_drawer_before_and_after_an_unsaved_rule() {
    let s = server(&[]).await;
    let cookie = sign_in(&s).await;
    let page = text(
        get(
            &s,
            "/admin/preview?cart=LANTERN&cart=&kind=PARTS&product_from=LANTERN&product_to=CAKE+TIN",
            Some(&cookie),
        )
        .await,
    )
    .await;
    let now = page
        .split("data-testid=\"preview-now\"")
        .nth(1)
        .expect("the drawer now");
    let (now, with) = now
        .split_once("data-testid=\"preview-with-rule\"")
        .expect("the drawer with the rule");
    // Now: the candle first, by co-purchase, its parts shown; no tin.
    let first_now = now.split("<tr").nth(2).unwrap();
    assert!(
        first_now.contains("SCENTED CANDLE")
            && first_now.contains("Often bought with WHITE METAL LANTERN"),
        "{first_now}"
    );
    assert!(!now.contains("CAKE TIN"));
    // With the rule: the tin first, marked new, put there by the rule.
    let first_with = with.split("<tr").nth(2).unwrap();
    assert!(
        first_with.contains("CAKE TIN")
            && first_with.contains("PARTS")
            && first_with.contains(">new<"),
        "{first_with}"
    );
    assert!(with.contains("down 1"));
    // Nothing was saved.
    assert!(s
        .state
        .store
        .product_rules(&s.shop.shop)
        .await
        .unwrap()
        .is_empty());
    // An unsaved rule with a mistake says so, and the drawer now still shows.
    let page = text(
        get(
            &s,
            "/admin/preview?cart=LANTERN&kind=PARTS&product_from=LANTERN&product_to=LANTERN",
            Some(&cookie),
        )
        .await,
    )
    .await;
    assert!(
        page.contains("data-testid=\"preview-rule-error\"") && page.contains("to itself"),
        "{page}"
    );
    assert!(page.contains("data-testid=\"preview-now\""));
}

#[tokio::test]
async fn category_rules_are_edited_on_their_page() {
    let s = server(&[]).await;
    let cookie = sign_in(&s).await;
    let page = text(get(&s, "/admin/categories", Some(&cookie)).await).await;
    assert!(
        page.contains("kitchen (2)") && page.contains("No category rules yet"),
        "{page}"
    );
    let form = |from: &'static str, to: &'static str, effect: &'static str, boost: &'static str| {
        [
            ("from", from),
            ("to", to),
            ("effect", effect),
            ("boost", boost),
        ]
    };
    let res = post_form(
        &s,
        "/api/admin_category_rule_save",
        Some(&cookie),
        &form("lighting", "kitchen", "boost", "many"),
    )
    .await;
    assert!(location(&res).contains("is+not+a+number"));
    let res = post_form(
        &s,
        "/api/admin_category_rule_save",
        Some(&cookie),
        &form("lighting", "kitchen", "boost", "500"),
    )
    .await;
    assert!(location(&res).contains("between+0.01+and+100"));
    let res = post_form(
        &s,
        "/api/admin_category_rule_save",
        Some(&cookie),
        &form("lighting", "candles", "deny", ""),
    )
    .await;
    assert_eq!(location(&res), "/admin/categories?saved=1");
    let stored = s
        .state
        .store
        .shop_by_id(&s.shop.shop.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.settings.category_rules.len(), 1);
    assert_eq!(stored.settings.category_rules[0].effect, "deny");
    let page = text(get(&s, "/admin/categories", Some(&cookie)).await).await;
    assert!(
        page.contains("<td>lighting</td><td>candles</td><td>deny</td>"),
        "{page}"
    );
    let res = post_form(
        &s,
        "/api/admin_category_rule_delete",
        Some(&cookie),
        &[("from", "lighting"), ("to", "candles")],
    )
    .await;
    assert_eq!(location(&res), "/admin/categories?deleted=1");
    let stored = s
        .state
        .store
        .shop_by_id(&s.shop.shop.id)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.settings.category_rules.is_empty());
}

#[tokio::test]
async fn graphiql_is_for_a_signed_in_admin() {
    let s = server(&[]).await;
    let res = get(&s, "/graphql", None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/admin");
    let cookie = sign_in(&s).await;
    let page = text(get(&s, "/graphql", Some(&cookie)).await).await;
    assert!(page.contains("graphiql"), "{page}");
    // GraphiQL's requests carry the cookie and a JSON body.
    let query = r#"{"query":"{ categories { name } }"}"#;
    let res = s.post_json("/graphql", &[("cookie", &cookie)], query).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(json(res).await["data"]["categories"][0]["name"], "bags");
    // A cross-site form cannot send JSON: a cookie with any other body is refused.
    let req = Request::post("/graphql")
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::COOKIE, &cookie)
        .body(Body::from(query))
        .unwrap();
    assert_eq!(s.send(req).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_lift_page_reports_the_arms_and_waits_for_data() {
    let s = server(&[]).await;
    // Signed out: the sign-in form, and no CSV.
    let page = text(get(&s, "/admin/lift", None).await).await;
    assert!(page.contains(r#"name="key""#), "{page}");
    let res = get(&s, "/admin/lift.csv", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let cookie = sign_in(&s).await;
    // A visitor of the treatment arm exposed, shown a card, clicking it.
    let token = s.widget_token();
    for (kind, path, extra) in [
        (
            "exposure",
            "/api/widget/track/event",
            r#""arm":"treatment""#,
        ),
        (
            "impression",
            "/api/widget/track/event",
            r#""source":"cross_sell","productId":"P""#,
        ),
        (
            "click",
            "/api/widget/track/click",
            r#""source":"cross_sell","productId":"P""#,
        ),
    ] {
        let body = format!(
            r#"{{"type":"{kind}","metadata":{{"visitorId":"v1","sessionId":"s1",{extra}}}}}"#
        );
        let res = s
            .post_json(path, &[("x-widget-token", &token)], &body)
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let page = text(get(&s, "/admin/lift?days=7", Some(&cookie)).await).await;
    assert!(page.contains(r#"data-testid="lift-arms""#), "{page}");
    assert!(page.contains("last 7 days"));
    assert!(page.contains("Not enough data yet to compare the arms."));
    // Every metric is listed, waiting.
    assert_eq!(page.matches(r#"data-status="notEnoughData""#).count(), 7);
    // The day's click-through is drawn for the treatment (one point).
    assert!(page.contains(r#"class="treatment""#), "{page}");
    let csv = get(&s, "/admin/lift.csv?days=7", Some(&cookie)).await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(text(csv).await.starts_with("metric,status,"));
}
