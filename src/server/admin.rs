//! The admin pages' server side: who is signed in (the shop's admin key, kept in an
//! HttpOnly, SameSite=Strict cookie, so a rotated key signs everyone out within a
//! second), the shop's rules as the pages show them, writes through the store's
//! checks, the product picker, and the preview of the drawer with and without an
//! unsaved rule.

use std::sync::Arc;

use parking_lot::RwLock;

use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use cartlift_engine::{Because, ProductIdx, Query, Suggestion};
use cartlift_store::{
    ApiKeyKind, CategoryRuleRecord, NewProductRule, ProductRuleRecord, Shop, RULE_KINDS,
};
use leptos::prelude::{expect_context, use_context};

use super::shops::ShopEngine;
use super::AppState;
use crate::admin::{
    CategoryRulesPage, ClusterChoice, Preview, PreviewRow, ProductChoice, RuleEnd, RuleForm,
    RuleRow, RulesPage,
};
use crate::i18n::Language;

pub const ADMIN_COOKIE: &str = "cartlift_admin";
/// A sign-in lasts a working day.
const SESSION_SECONDS: u32 = 8 * 3600;
/// As many suggestions as the drawer shows.
const PREVIEW_SIZE: usize = crate::widget::api::CROSS_SELL_CARDS as usize;

/// A signed-in admin: the shop of the key, and its engine.
pub struct Admin {
    state: AppState,
    shop: Arc<Shop>,
    engine: Arc<RwLock<ShopEngine>>,
}

/// A cookie's value in a request's headers (the storefront's cart cookie too).
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == name && !v.is_empty() && v.len() <= 128).then(|| v.to_string())
        })
}

/// A store failure as the page shows it: the cause goes to the log only.
fn failed(e: impl std::fmt::Display) -> String {
    tracing::error!(error = %e, "an admin page's request failed");
    "the server could not do that; see its log".to_string()
}

/// The shop of the admin key in the request's cookie, if it is still an admin key.
pub async fn cookie_shop(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Arc<Shop>>, String> {
    match cookie(headers, ADMIN_COOKIE) {
        None => Ok(None),
        Some(key) => state
            .keys
            .shop(state, &key, ApiKeyKind::Admin)
            .await
            .map_err(|e| failed(e.message())),
    }
}

/// `GET /admin/lift.csv?days=N`: the lift page's metrics as CSV, for the admin
/// signed in (the page links it; the admin API has its own, by key).
pub async fn lift_csv(
    axum::extract::State(state): axum::extract::State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let shop = match cookie_shop(&state, &headers).await {
        Ok(Some(shop)) => shop,
        Ok(None) => {
            return (
                axum::http::StatusCode::UNAUTHORIZED,
                "sign in at /admin first",
            )
                .into_response()
        }
        Err(e) => return (axum::http::StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
    };
    let days: i64 = q
        .get("days")
        .and_then(|d| d.parse().ok())
        .unwrap_or(30)
        .clamp(1, 365);
    let since = (chrono::Utc::now() - chrono::Duration::days(days))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match super::lift::report(&state.store, &state.engines, &shop, &since).await {
        Ok(report) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"cartlift-lift.csv\"",
                ),
            ],
            super::lift::csv(&report),
        )
            .into_response(),
        Err(e) => (axum::http::StatusCode::INTERNAL_SERVER_ERROR, failed(e)).into_response(),
    }
}

/// The admin of the request's cookie; `None` when nobody (or a revoked key) is
/// signed in.
pub async fn signed_in() -> Result<Option<Admin>, String> {
    let state = expect_context::<AppState>();
    let Some(parts) = use_context::<Parts>() else {
        return Ok(None);
    };
    let Some(shop) = cookie_shop(&state, &parts.headers).await? else {
        return Ok(None);
    };
    let engine = state
        .engines
        .get(&state.store, &shop)
        .await
        .map_err(failed)?;
    Ok(Some(Admin {
        state,
        shop,
        engine,
    }))
}

/// The signed-in admin, or the message that sends the user to sign in.
pub async fn admin() -> Result<Admin, String> {
    signed_in()
        .await?
        .ok_or_else(|| "sign in with the shop's admin key first".to_string())
}

fn set_cookie(value: &str, max_age: u32) {
    let secure = use_context::<Parts>()
        .and_then(|p| p.headers.get("x-forwarded-proto").cloned())
        .is_some_and(|v| v == "https");
    let cookie = format!(
        "{ADMIN_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        expect_context::<leptos_axum::ResponseOptions>().append_header(header::SET_COOKIE, v);
    }
}

/// Signs in with an admin key: the cookie holds it for the working day.
pub async fn sign_in(key: &str) -> Result<(), String> {
    let key = key.trim();
    let state = expect_context::<AppState>();
    let known = !key.is_empty()
        && key.len() <= 128
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && state
            .keys
            .shop(&state, key, ApiKeyKind::Admin)
            .await
            .map_err(|e| failed(e.message()))?
            .is_some();
    if !known {
        return Err(
            "that is not an admin key of any shop (cartlift shop token <shop> --admin issues one)"
                .into(),
        );
    }
    set_cookie(key, SESSION_SECONDS);
    Ok(())
}

pub fn sign_out() {
    set_cookie("", 0);
}

impl Admin {
    fn end(
        &self,
        engine: &ShopEngine,
        product: &Option<String>,
        cluster: &Option<String>,
        clusters: &[ClusterChoice],
    ) -> RuleEnd {
        match (product, cluster) {
            (Some(id), _) => match engine.find(id) {
                Some(idx) => {
                    let p = engine.stored(idx);
                    RuleEnd {
                        cluster: false,
                        id: p.external_id.clone(),
                        name: p.name.clone(),
                        hidden: !p.available,
                    }
                }
                None => RuleEnd {
                    cluster: false,
                    id: id.clone(),
                    name: "(a product no longer in the catalog)".into(),
                    hidden: true,
                },
            },
            (None, Some(id)) => {
                let c = clusters.iter().find(|c| &c.id == id);
                RuleEnd {
                    cluster: true,
                    id: id.clone(),
                    name: c.map_or("(a deleted cluster)".into(), |c| c.name.clone()),
                    hidden: c.is_none_or(|c| c.hidden),
                }
            }
            (None, None) => RuleEnd::default(),
        }
    }

    async fn cluster_choices(&self) -> Result<Vec<ClusterChoice>, String> {
        Ok(self
            .state
            .store
            .clusters(&self.shop)
            .await
            .map_err(failed)?
            .into_iter()
            .map(|c| ClusterChoice {
                size: c.product_ids.len(),
                id: c.id,
                name: c.name,
                hidden: c.hidden,
            })
            .collect())
    }

    fn rule_row(
        &self,
        engine: &ShopEngine,
        r: &ProductRuleRecord,
        clusters: &[ClusterChoice],
    ) -> RuleRow {
        RuleRow {
            id: r.id.clone(),
            kind: r.rule.kind.clone(),
            sub_type: r.rule.sub_type.clone(),
            from: self.end(engine, &r.rule.product_from, &r.rule.cluster_from, clusters),
            to: self.end(engine, &r.rule.product_to, &r.rule.cluster_to, clusters),
            last_modified_at: r.last_modified_at.clone(),
        }
    }

    /// The rules page: the shop's rules of `kind` and/or touching the product typed
    /// (its id, external id or a word of its name), oldest first.
    pub async fn rules(
        &self,
        kind: Option<String>,
        product: Option<String>,
    ) -> Result<RulesPage, String> {
        let rules = self
            .state
            .store
            .product_rules(&self.shop)
            .await
            .map_err(failed)?;
        let clusters = self.cluster_choices().await?;
        let total = rules.len();
        let engine = self.engine.read();
        let needle = product
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_lowercase);
        let rows = rules
            .iter()
            .filter(|r| {
                kind.as_deref()
                    .is_none_or(|k| k.is_empty() || k == r.rule.kind)
            })
            .map(|r| self.rule_row(&engine, r, &clusters))
            .filter(|row| {
                needle.as_deref().is_none_or(|n| {
                    [&row.from, &row.to].iter().any(|e| {
                        !e.cluster
                            && (e.id.to_lowercase() == n || e.name.to_lowercase().contains(n))
                    })
                })
            })
            .collect();
        Ok(RulesPage {
            shop_name: self.shop.name.clone(),
            rules: rows,
            total,
            clusters,
            kinds: RULE_KINDS.iter().map(|k| k.to_string()).collect(),
        })
    }

    /// One rule as the edit form shows it.
    pub async fn rule(&self, id: &str) -> Result<Option<(RuleRow, RulesPage)>, String> {
        let Some(r) = self
            .state
            .store
            .product_rule(&self.shop, id)
            .await
            .map_err(failed)?
        else {
            return Ok(None);
        };
        let page = self.rules(None, None).await?;
        let engine = self.engine.read();
        Ok(Some((self.rule_row(&engine, &r, &page.clusters), page)))
    }

    /// A rule as the form gave it, with typed products resolved to the shop's ids; a
    /// product nobody can find is named in the error.
    fn new_rule(&self, form: &RuleForm) -> Result<NewProductRule, String> {
        let engine = self.engine.read();
        let product = |typed: &Option<String>, side: &str| -> Result<Option<String>, String> {
            match typed.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                None => Ok(None),
                Some(t) => engine
                    .find_typed(t)
                    .map(|i| Some(engine.stored(i).id.clone()))
                    .ok_or_else(|| format!("no product of the shop is {t:?} (the {side} product): pick one from the list, or type its id or whole name")),
            }
        };
        let given = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Ok(NewProductRule {
            kind: form.kind.clone(),
            sub_type: given(&form.sub_type),
            product_from: product(&form.product_from, "source")?,
            cluster_from: given(&form.cluster_from),
            product_to: product(&form.product_to, "target")?,
            cluster_to: given(&form.cluster_to),
        })
    }

    /// Creates the rule (or replaces the one with `id`); answers its id.
    pub async fn save_rule(&self, id: Option<&str>, form: &RuleForm) -> Result<String, String> {
        let rule = self.new_rule(form)?;
        let store = &self.state.store;
        let saved = match id.filter(|i| !i.is_empty()) {
            None => store.create_product_rule(&self.shop, rule).await.map(Some),
            Some(id) => store.update_product_rule(&self.shop, id, rule).await,
        };
        match saved {
            Ok(Some(r)) => Ok(r.id),
            Ok(None) => Err("that rule no longer exists (deleted meanwhile?)".into()),
            Err(cartlift_store::Error::Invalid(why)) => Err(why),
            Err(e) => Err(failed(e)),
        }
    }

    pub async fn delete_rule(&self, id: &str) -> Result<(), String> {
        match self.state.store.delete_product_rule(&self.shop, id).await {
            Ok(true) => Ok(()),
            Ok(false) => Err("that rule no longer exists".into()),
            Err(e) => Err(failed(e)),
        }
    }

    /// The lift report over the last `days` days.
    pub async fn lift(&self, days: u32) -> Result<crate::admin::LiftPage, String> {
        let since = (chrono::Utc::now() - chrono::Duration::days(i64::from(days)))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let report =
            super::lift::report(&self.state.store, &self.state.engines, &self.shop, &since)
                .await
                .map_err(failed)?;
        Ok(crate::admin::LiftPage {
            shop_name: self.shop.name.clone(),
            currency: self.shop.currency.clone(),
            days,
            report,
        })
    }

    pub async fn category_rules(&self) -> Result<CategoryRulesPage, String> {
        let store = &self.state.store;
        let shop = store
            .shop_by_id(&self.shop.id)
            .await
            .map_err(failed)?
            .ok_or("the shop no longer exists")?;
        let categories = store.categories(&self.shop).await.map_err(failed)?;
        Ok(CategoryRulesPage {
            shop_name: shop.name,
            rules: shop
                .settings
                .category_rules
                .into_iter()
                .map(|r| (r.from, r.to, r.effect))
                .collect(),
            categories,
        })
    }

    /// Sets a category rule: `effect` is allow, deny or boost (with `boost`).
    pub async fn set_category_rule(
        &self,
        from: &str,
        to: &str,
        effect: &str,
        boost: Option<f64>,
    ) -> Result<(), String> {
        let effect = match (effect, boost) {
            ("boost", Some(f)) => format!("boost:{f}"),
            ("boost", None) => {
                return Err("a boost needs its factor (2 doubles a score, 0.5 halves it)".into())
            }
            (e, _) => e.to_string(),
        };
        let rule = CategoryRuleRecord {
            from: from.into(),
            to: to.into(),
            effect,
        };
        match self.state.store.set_category_rule(&self.shop, rule).await {
            Ok(_) => Ok(()),
            Err(cartlift_store::Error::Invalid(why)) => Err(why),
            Err(e) => Err(failed(e)),
        }
    }

    pub async fn delete_category_rule(&self, from: &str, to: &str) -> Result<(), String> {
        match self
            .state
            .store
            .delete_category_rule(&self.shop, from, to)
            .await
        {
            Ok(true) => Ok(()),
            Ok(false) => Err(format!("there is no rule from {from:?} to {to:?}")),
            Err(e) => Err(failed(e)),
        }
    }

    /// The picker's choices for what the admin typed: the product with that id,
    /// then what the shop's search finds (typos and Spanish words too).
    pub fn find_products(&self, typed: &str) -> Vec<ProductChoice> {
        let engine = self.engine.read();
        let typed = typed.trim();
        if typed.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<ProductIdx> = engine.find(typed).into_iter().collect();
        for idx in engine.listing(None, Some(typed)) {
            if found.len() == 12 {
                break;
            }
            if !found.contains(&idx) {
                found.push(idx);
            }
        }
        found.into_iter().map(|i| choice(&engine, i)).collect()
    }

    /// What the drawer shows for `cart` now, and with the unsaved `rule` added to the
    /// shop's rules (when one is given), each product's score in its parts.
    pub async fn preview(
        &self,
        cart: &[String],
        rule: Option<&RuleForm>,
    ) -> Result<Preview, String> {
        let store = &self.state.store;
        let mut preview = Preview::default();
        let unsaved = match rule {
            Some(form) => match self.new_rule(form) {
                Ok(r) => match store.check_product_rule(&self.shop, r).await {
                    Ok(r) => Some(r),
                    Err(cartlift_store::Error::Invalid(why)) => {
                        preview.rule_error = Some(why);
                        None
                    }
                    Err(e) => return Err(failed(e)),
                },
                Err(why) => {
                    preview.rule_error = Some(why);
                    None
                }
            },
            None => None,
        };
        let (stored, clusters) = if unsaved.is_some() {
            (
                store.product_rules(&self.shop).await.map_err(failed)?,
                store.clusters(&self.shop).await.map_err(failed)?,
            )
        } else {
            Default::default()
        };
        let engine = self.engine.read();
        let mut items = Vec::new();
        for typed in cart.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            match engine.find_typed(typed) {
                Some(i) if !items.contains(&i) => {
                    items.push(i);
                    preview.cart.push(choice(&engine, i));
                }
                Some(_) => {}
                None => preview.unknown.push(typed.to_string()),
            }
        }
        let rec = &engine.recommender;
        let query = Query {
            cart: &items,
            exclude: &[],
            limit: PREVIEW_SIZE,
        };
        let now = rec.recommend(&query);
        if let Some(rule) = unsaved {
            let mut all = stored;
            all.push(ProductRuleRecord {
                id: "unsaved".into(),
                rule,
                created_at: String::new(),
                last_modified_at: String::new(),
            });
            let rules = engine.product_rules(&all, &clusters);
            let with = rec.recommend_with_rules(&query, &rec.rules, &rules);
            preview.with_rule = Some(rows(&engine, &with, Some(&now)));
        }
        preview.now = rows(&engine, &now, None);
        Ok(preview)
    }
}

fn choice(engine: &ShopEngine, idx: ProductIdx) -> ProductChoice {
    let p = engine.stored(idx);
    ProductChoice {
        id: p.external_id.clone(),
        name: p.name.clone(),
    }
}

/// Suggestions as the preview's table rows; `before` marks what moved or is new.
fn rows(
    engine: &ShopEngine,
    list: &[Suggestion],
    before: Option<&[Suggestion]>,
) -> Vec<PreviewRow> {
    let rec = &engine.recommender;
    list.iter()
        .enumerate()
        .map(|(rank, s)| {
            let p = engine.stored(s.product);
            let change = before.map(|b| match b.iter().position(|o| o.product == s.product) {
                None => "new".to_string(),
                Some(r) if r > rank => format!("up {}", r - rank),
                Some(r) if r < rank => format!("down {}", rank - r),
                Some(_) => String::new(),
            });
            let parts = &s.parts;
            PreviewRow {
                id: p.external_id.clone(),
                name: p.name.clone(),
                reason: rec.reason(&s.because, Language::En),
                score: s.score,
                co_purchase: parts.co_purchase,
                prior: parts.prior,
                linear: parts.linear,
                category: parts.category,
                category_rule: parts.rule,
                margin: parts.margin,
                popularity: parts.popularity,
                stock: p.stock,
                low_stock: parts.low_stock,
                product_rule: match &s.because {
                    Because::Rule { kind, .. } => Some(format!("{kind:?}").to_uppercase()),
                    _ => None,
                },
                stands_in_for: parts.stands_in_for.map(|i| engine.stored(i).name.clone()),
                change: change.unwrap_or_default(),
            }
        })
        .collect()
}
