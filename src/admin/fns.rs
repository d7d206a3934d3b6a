//! The admin pages' server functions, adapters over `server::admin`. The writes are
//! the targets of plain HTML forms: each answers with a redirect back to the page,
//! carrying `saved=` or `error=` (and the form's fields, so a mistake loses nothing).

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use serde::{Deserialize, Serialize};

use super::{CategoryRulesPage, LiftPage, Preview, ProductChoice, RuleForm, RuleRow, RulesPage};

/// A page's data, or the sign-in form when nobody is signed in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Access<T> {
    SignedIn(T),
    SignedOut,
}

async fn signed_in() -> Result<Option<crate::server::admin::Admin>, ServerFnError> {
    crate::server::admin::signed_in()
        .await
        .map_err(ServerFnError::new)
}

/// `path?name=value&…`, skipping empty values.
fn with_query(path: &str, pairs: &[(&str, Option<&str>)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", crate::storefront::encode(v)))
        })
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// Only pages of the admin are places to go back to.
fn admin_path(back: Option<&str>) -> &str {
    back.filter(|b| b.starts_with("/admin") && !b.contains("//") && !b.contains('?'))
        .unwrap_or("/admin")
}

#[server(endpoint = "admin_sign_in")]
pub async fn admin_sign_in(key: String) -> Result<(), ServerFnError> {
    match crate::server::admin::sign_in(&key).await {
        Ok(()) => leptos_axum::redirect("/admin"),
        Err(why) => leptos_axum::redirect(&with_query("/admin", &[("error", Some(&why))])),
    }
    Ok(())
}

#[server(endpoint = "admin_sign_out")]
pub async fn admin_sign_out() -> Result<(), ServerFnError> {
    crate::server::admin::sign_out();
    leptos_axum::redirect("/admin");
    Ok(())
}

#[server(input = Json)]
pub async fn admin_rules(
    kind: Option<String>,
    product: Option<String>,
) -> Result<Access<RulesPage>, ServerFnError> {
    let Some(admin) = signed_in().await? else {
        return Ok(Access::SignedOut);
    };
    admin
        .rules(kind, product)
        .await
        .map(Access::SignedIn)
        .map_err(ServerFnError::new)
}

#[server(input = Json)]
pub async fn admin_rule(id: String) -> Result<Access<Option<(RuleRow, RulesPage)>>, ServerFnError> {
    let Some(admin) = signed_in().await? else {
        return Ok(Access::SignedOut);
    };
    admin
        .rule(&id)
        .await
        .map(Access::SignedIn)
        .map_err(ServerFnError::new)
}

/// Creates a rule (or, with `id`, changes it) from the rule form.
#[allow(clippy::too_many_arguments)] // a form's fields
#[server(endpoint = "admin_rule_save")]
pub async fn admin_rule_save(
    id: Option<String>,
    kind: String,
    sub_type: Option<String>,
    product_from: Option<String>,
    cluster_from: Option<String>,
    product_to: Option<String>,
    cluster_to: Option<String>,
    back: Option<String>,
) -> Result<(), ServerFnError> {
    let back = admin_path(back.as_deref());
    let form = RuleForm {
        kind,
        sub_type,
        product_from,
        cluster_from,
        product_to,
        cluster_to,
    };
    let saved = match signed_in().await? {
        None => Err("sign in with the shop's admin key first".to_string()),
        Some(admin) => admin.save_rule(id.as_deref(), &form).await,
    };
    let to = match saved {
        Ok(id) => with_query("/admin", &[("saved", Some(&id))]),
        Err(why) => with_query(
            back,
            &[
                ("error", Some(&why)),
                ("kind", Some(&form.kind)),
                ("sub_type", form.sub_type.as_deref()),
                ("product_from", form.product_from.as_deref()),
                ("cluster_from", form.cluster_from.as_deref()),
                ("product_to", form.product_to.as_deref()),
                ("cluster_to", form.cluster_to.as_deref()),
            ],
        ),
    };
    leptos_axum::redirect(&to);
    Ok(())
}

#[server(endpoint = "admin_rule_delete")]
pub async fn admin_rule_delete(id: String) -> Result<(), ServerFnError> {
    let done = match signed_in().await? {
        None => Err("sign in with the shop's admin key first".to_string()),
        Some(admin) => admin.delete_rule(&id).await,
    };
    leptos_axum::redirect(&match done {
        Ok(()) => "/admin?deleted=1".to_string(),
        Err(why) => with_query("/admin", &[("error", Some(&why))]),
    });
    Ok(())
}

/// The lift report over the last `days` days (1 to 365, default 30).
#[server]
pub async fn admin_lift(days: Option<u32>) -> Result<Access<LiftPage>, ServerFnError> {
    let Some(admin) = signed_in().await? else {
        return Ok(Access::SignedOut);
    };
    admin
        .lift(days.unwrap_or(30).clamp(1, 365))
        .await
        .map(Access::SignedIn)
        .map_err(ServerFnError::new)
}

#[server]
pub async fn admin_category_rules() -> Result<Access<CategoryRulesPage>, ServerFnError> {
    let Some(admin) = signed_in().await? else {
        return Ok(Access::SignedOut);
    };
    admin
        .category_rules()
        .await
        .map(Access::SignedIn)
        .map_err(ServerFnError::new)
}

/// Sets a category rule from its form: `effect` allow, deny or boost (with `boost`).
#[server(endpoint = "admin_category_rule_save")]
pub async fn admin_category_rule_save(
    from: String,
    to: String,
    effect: String,
    boost: Option<String>,
) -> Result<(), ServerFnError> {
    let boost_given = boost.as_deref().map(str::trim).filter(|b| !b.is_empty());
    let done = match (signed_in().await?, boost_given.map(str::parse::<f64>)) {
        (None, _) => Err("sign in with the shop's admin key first".to_string()),
        (Some(_), Some(Err(_))) => Err(format!(
            "the boost factor {:?} is not a number",
            boost_given.unwrap_or_default()
        )),
        (Some(admin), factor) => {
            admin
                .set_category_rule(&from, &to, &effect, factor.and_then(Result::ok))
                .await
        }
    };
    leptos_axum::redirect(&match done {
        Ok(()) => "/admin/categories?saved=1".to_string(),
        Err(why) => with_query(
            "/admin/categories",
            &[
                ("error", Some(&why)),
                ("from", Some(&from)),
                ("to", Some(&to)),
                ("effect", Some(&effect)),
                ("boost", boost_given),
            ],
        ),
    });
    Ok(())
}

#[server(endpoint = "admin_category_rule_delete")]
pub async fn admin_category_rule_delete(from: String, to: String) -> Result<(), ServerFnError> {
    let done = match signed_in().await? {
        None => Err("sign in with the shop's admin key first".to_string()),
        Some(admin) => admin.delete_category_rule(&from, &to).await,
    };
    leptos_axum::redirect(&match done {
        Ok(()) => "/admin/categories?deleted=1".to_string(),
        Err(why) => with_query("/admin/categories", &[("error", Some(&why))]),
    });
    Ok(())
}

/// The product picker's choices for what was typed (`public/admin.js` asks).
#[server(input = GetUrl, endpoint = "admin_find_products")]
pub async fn admin_find_products(q: String) -> Result<Vec<ProductChoice>, ServerFnError> {
    match signed_in().await? {
        Some(admin) => Ok(admin.find_products(&q)),
        None => Err(ServerFnError::new(
            "sign in with the shop's admin key first",
        )),
    }
}

/// The drawer for `cart` now, and with the unsaved rule when `kind` is given.
#[server(input = Json)]
pub async fn admin_preview(
    cart: Vec<String>,
    rule: Option<RuleForm>,
) -> Result<Access<Preview>, ServerFnError> {
    let Some(admin) = signed_in().await? else {
        return Ok(Access::SignedOut);
    };
    admin
        .preview(&cart, rule.as_ref())
        .await
        .map(Access::SignedIn)
        .map_err(ServerFnError::new)
}
