//! The admin pages (server-rendered; see the module doc of `admin`). They await their
//! server functions inside `Suspend` rather than through resources: nothing here
//! hydrates, so there is nothing to serialise, and (with a runtime per test thread)
//! a resource's spawned fetch was seen never to start, hanging the page.

use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::charts;
use super::fns::{
    admin_category_rules, admin_lift, admin_preview, admin_rule, admin_rules, Access,
    AdminCategoryRuleDelete, AdminCategoryRuleSave, AdminRuleDelete, AdminRuleSave, AdminSignIn,
    AdminSignOut,
};
use super::{ClusterChoice, Preview, PreviewRow, RuleEnd, RuleForm, RuleRow, RulesPage};
use leptos::server_fn::ServerFn;

/// Where a plain form posts a server function.
fn action<F: ServerFn>() -> &'static str {
    F::PATH
}

fn query(name: &str) -> Option<String> {
    use_query_map()
        .with_untracked(|q| q.get(name))
        .filter(|v| !v.is_empty())
}

fn error_view(e: ServerFnError) -> AnyView {
    view! { <p class="notice error" role="alert">{e.to_string()}</p> }.into_any()
}

/// What the last form did, from the redirect's query.
#[component]
fn Notice() -> impl IntoView {
    let error = query("error");
    let done = if query("saved").is_some() {
        Some("Saved. The drawer follows within a second.")
    } else if query("deleted").is_some() {
        Some("Deleted. It stops acting within a second.")
    } else {
        None
    };
    view! {
        {error.map(|e| view! { <p class="notice error" role="alert" data-testid="admin-error">{e}</p> })}
        {done.map(|d| view! { <p class="notice ok" role="status" data-testid="admin-saved">{d}</p> })}
    }
}

#[component]
fn SignIn() -> impl IntoView {
    view! {
        <main class="admin sign-in">
            <h1>"cartlift admin"</h1>
            <Notice/>
            <form method="post" action={action::<AdminSignIn>()} data-testid="sign-in">
                <label>
                    "Admin key"
                    <input type="password" name="key" required autocomplete="current-password"
                        placeholder="cla_…"/>
                </label>
                <button type="submit">"Sign in"</button>
            </form>
            <p class="muted">
                "The shop's admin key was printed by "<code>"cartlift shop create"</code>
                "; "<code>"cartlift shop token <shop> --admin"</code>" issues a new one."
            </p>
        </main>
    }
}

/// The page around every signed-in admin page: its head, the navigation.
#[component]
fn Frame(shop_name: String, current: &'static str, children: Children) -> impl IntoView {
    let link = move |href: &'static str, label: &'static str| {
        let here = (href == current).then_some("page");
        view! { <a href=href aria-current=here>{label}</a> }
    };
    view! {
        <header class="admin-bar">
            <strong>{shop_name}" · admin"</strong>
            <nav>
                {link("/admin", "Product rules")}
                {link("/admin/categories", "Category rules")}
                {link("/admin/preview", "Preview")}
                {link("/admin/lift", "Lift")}
                <a href="/graphql">"GraphQL"</a>
                <a href="/">"Storefront"</a>
            </nav>
            <form method="post" action={action::<AdminSignOut>()}>
                <button type="submit" class="link">"Sign out"</button>
            </form>
        </header>
        <main class="admin">
            <Notice/>
            {children()}
        </main>
        <datalist id="product-choices"></datalist>
        <script src=crate::server::site::url("/admin.js") defer></script>
    }
}

/// Renders a page's data inside the frame, the sign-in form, or the error.
fn page<T: 'static>(
    result: Result<Access<T>, ServerFnError>,
    body: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match result {
        Ok(Access::SignedIn(data)) => body(data),
        Ok(Access::SignedOut) => view! { <SignIn/> }.into_any(),
        Err(e) => error_view(e),
    }
}

fn head() -> impl IntoView {
    view! {
        <Title text="cartlift admin"/>
        <Link rel="stylesheet" href=crate::server::site::url("/admin.css")/>
    }
}

fn end_view(end: &RuleEnd) -> impl IntoView {
    let kind = if end.cluster { "cluster" } else { "product" };
    view! {
        <span class="end" data-kind=kind>
            {end.name.clone()}
            <small>{if end.cluster { " (cluster)".to_string() } else { format!(" · {}", end.id) }}</small>
            {end.hidden.then(|| view! { <em class="hidden-mark">" hidden"</em> })}
        </span>
    }
}

#[component]
pub fn AdminRulesPage() -> impl IntoView {
    let q = use_query_map();
    let args = move || q.with(|q| (q.get("type"), q.get("product")));
    view! {
        {head()}
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (kind, product) = args();
                page(admin_rules(kind, product).await, |p: RulesPage| {
                    let filter_kind = query("type").unwrap_or_default();
                    let filter_product = query("product").unwrap_or_default();
                    let form = RuleForm {
                        kind: query("kind").unwrap_or_else(|| "ACCESSORIES".into()),
                        sub_type: query("sub_type"),
                        product_from: query("product_from"),
                        cluster_from: query("cluster_from"),
                        product_to: query("product_to"),
                        cluster_to: query("cluster_to"),
                    };
                    let shown = p.rules.len();
                    view! {
                        <Frame shop_name=p.shop_name.clone() current="/admin">
                            <h1>"Product rules"</h1>
                            <p class="muted">
                                "What the shop knows and its orders do not show yet. Accessories, parts and related products
                                 come before co-purchase; options are suggested as upgrades; alternatives are never shown
                                 beside their product, and stand in for it when it is out of stock."
                            </p>
                            <form method="get" action="/admin" class="filter" role="search">
                                <label>"Type "
                                    <select name="type">
                                        <option value="">"any"</option>
                                        {p.kinds.iter().map(|k| view! {
                                            <option value=k.clone() selected=*k == filter_kind>{k.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                <label>"Product "
                                    <input name="product" value=filter_product list="product-choices" data-picker
                                        autocomplete="off" placeholder="id or name"/>
                                </label>
                                <button type="submit">"Filter"</button>
                            </form>
                            <p class="muted" data-testid="rule-count">{format!("{shown} of {} rules", p.total)}</p>
                            <table class="rules" data-testid="rules">
                                <thead><tr><th>"Type"</th><th>"From"</th><th>"To"</th><th>"Sub-type"</th><th>"Changed"</th><th></th></tr></thead>
                                <tbody>
                                    {p.rules.iter().map(|r: &RuleRow| view! {
                                        <tr data-rule=r.id.clone()>
                                            <td>{r.kind.clone()}</td>
                                            <td>{end_view(&r.from)}</td>
                                            <td>{end_view(&r.to)}</td>
                                            <td>{r.sub_type.clone().unwrap_or_default()}</td>
                                            <td><time>{r.last_modified_at.get(..16).unwrap_or_default().replace('T', " ")}</time></td>
                                            <td class="actions">
                                                <a href=format!("/admin/rules/{}", r.id)>"Edit"</a>
                                                <form method="post" action={action::<AdminRuleDelete>()} data-confirm="Delete this rule?">
                                                    <input type="hidden" name="id" value=r.id.clone()/>
                                                    <button type="submit" class="danger">"Delete"</button>
                                                </form>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <h2>"New rule"</h2>
                            <RuleFields form id=None clusters=p.clusters.clone() kinds=p.kinds.clone() back="/admin"/>
                        </Frame>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

/// The rule form: type, sub-type, and each end a product (picker) or a cluster.
#[component]
fn RuleFields(
    form: RuleForm,
    id: Option<String>,
    clusters: Vec<ClusterChoice>,
    kinds: Vec<String>,
    #[prop(into)] back: String,
) -> impl IntoView {
    let cluster_select = |name: &'static str, chosen: Option<String>| {
        view! {
            <select name=name>
                <option value="">"— or a cluster —"</option>
                {clusters.iter().map(|c| view! {
                    <option value=c.id.clone() selected=chosen.as_deref() == Some(c.id.as_str())>
                        {format!("{} ({} products{})", c.name, c.size, if c.hidden { ", hidden" } else { "" })}
                    </option>
                }).collect_view()}
            </select>
        }
    };
    let submit = if id.is_some() {
        "Save changes"
    } else {
        "Add rule"
    };
    view! {
        <form method="post" action={action::<AdminRuleSave>()} class="rule-form" data-testid="rule-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <input type="hidden" name="back" value=back/>
            <label>"Type"
                <select name="kind">
                    {kinds.iter().map(|k| view! {
                        <option value=k.clone() selected=*k == form.kind>{k.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <fieldset>
                <legend>"When the cart holds"</legend>
                <input name="product_from" value=form.product_from.clone().unwrap_or_default() list="product-choices"
                    data-picker autocomplete="off" placeholder="a product: id or name" aria-label="source product"/>
                {cluster_select("cluster_from", form.cluster_from.clone())}
            </fieldset>
            <fieldset>
                <legend>"Suggest"</legend>
                <input name="product_to" value=form.product_to.clone().unwrap_or_default() list="product-choices"
                    data-picker autocomplete="off" placeholder="a product: id or name" aria-label="target product"/>
                {cluster_select("cluster_to", form.cluster_to.clone())}
            </fieldset>
            <label>"Sub-type (optional, up to 64 characters)"
                <input name="sub_type" maxlength="64" value=form.sub_type.clone().unwrap_or_default()/>
            </label>
            <button type="submit">{submit}</button>
        </form>
    }
}

#[component]
pub fn AdminRulePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    view! {
        {head()}
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                page(admin_rule(id()).await, |found| match found {
                    None => view! {
                        <main class="admin"><p class="notice error">"There is no such rule (deleted?). "<a href="/admin">"All rules"</a></p></main>
                    }.into_any(),
                    Some((rule, p)) => {
                        let back = format!("/admin/rules/{}", rule.id);
                        let form = if query("error").is_some() {
                            RuleForm {
                                kind: query("kind").unwrap_or_default(),
                                sub_type: query("sub_type"),
                                product_from: query("product_from"),
                                cluster_from: query("cluster_from"),
                                product_to: query("product_to"),
                                cluster_to: query("cluster_to"),
                            }
                        } else {
                            let end = |e: &RuleEnd, cluster: bool| (e.cluster == cluster && !e.id.is_empty()).then(|| e.id.clone());
                            RuleForm {
                                kind: rule.kind.clone(),
                                sub_type: rule.sub_type.clone(),
                                product_from: end(&rule.from, false),
                                cluster_from: end(&rule.from, true),
                                product_to: end(&rule.to, false),
                                cluster_to: end(&rule.to, true),
                            }
                        };
                        // The edit page is its own place to come back to on a mistake.
                        view! {
                            <Frame shop_name=p.shop_name.clone() current="">
                                <h1>"Edit rule"</h1>
                                <RuleFields form id=Some(rule.id.clone()) clusters=p.clusters.clone() kinds=p.kinds.clone() back/>
                            </Frame>
                        }.into_any()
                    }
                })
            })}
        </Suspense>
    }
}

fn effect_label(effect: &str) -> String {
    match effect.strip_prefix("boost:") {
        Some(f) => format!("boost × {f}"),
        None => effect.to_string(),
    }
}

#[component]
pub fn AdminCategoriesPage() -> impl IntoView {
    view! {
        {head()}
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                page(admin_category_rules().await, |p| {
                    let from = query("from").unwrap_or_default();
                    let to = query("to").unwrap_or_default();
                    let effect = query("effect").unwrap_or_else(|| "boost".into());
                    let boost = query("boost").unwrap_or_else(|| "2".into());
                    let options = move |chosen: String| {
                        let mut names = vec![("*".to_string(), "* (any category)".to_string())];
                        names.extend(p.categories.iter().map(|(c, n)| (c.clone(), format!("{c} ({n})"))));
                        names.into_iter().map(move |(value, label)| {
                            let selected = value == chosen;
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()
                    };
                    view! {
                        <Frame shop_name=p.shop_name.clone() current="/admin/categories">
                            <h1>"Category rules"</h1>
                            <p class="muted">
                                "What may be suggested for a cart holding a category, and what is lifted or lowered. For each pair of
                                 categories the most specific rule decides: deny removes, boost multiplies the score, allow undoes a broader deny."
                            </p>
                            <table class="rules" data-testid="category-rules">
                                <thead><tr><th>"Cart holds"</th><th>"Suggestion in"</th><th>"Effect"</th><th></th></tr></thead>
                                <tbody>
                                    {p.rules.iter().map(|(f, t, e)| view! {
                                        <tr>
                                            <td>{f.clone()}</td><td>{t.clone()}</td><td>{effect_label(e)}</td>
                                            <td class="actions">
                                                <form method="post" action={action::<AdminCategoryRuleDelete>()} data-confirm="Delete this rule?">
                                                    <input type="hidden" name="from" value=f.clone()/>
                                                    <input type="hidden" name="to" value=t.clone()/>
                                                    <button type="submit" class="danger">"Delete"</button>
                                                </form>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {p.rules.is_empty().then(|| view! { <p class="muted">"No category rules yet: every category may follow every other."</p> })}
                            <h2>"Add or change a rule"</h2>
                            <form method="post" action={action::<AdminCategoryRuleSave>()} class="rule-form" data-testid="category-rule-form">
                                <label>"When the cart holds"<select name="from">{options.clone()(from)}</select></label>
                                <label>"a suggestion in"<select name="to">{options(to)}</select></label>
                                <label>"is"
                                    <select name="effect">
                                        {["allow", "deny", "boost"].map(|e| view! { <option value=e selected=e == effect>{e}</option> }).collect_view()}
                                    </select>
                                </label>
                                <label>"Boost factor (0.01 to 100; 2 doubles, 0.5 halves)"
                                    <input name="boost" inputmode="decimal" value=boost/>
                                </label>
                                <button type="submit">"Save rule"</button>
                            </form>
                        </Frame>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

fn number(x: f64) -> String {
    if x == 0.0 {
        "–".into()
    } else {
        format!("{x:.3}")
    }
}

#[component]
fn PreviewTable(rows: Vec<PreviewRow>, testid: &'static str, show_change: bool) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted" data-testid=testid>"Nothing to suggest for this cart."</p> }.into_any();
    }
    view! {
        <table class="preview" data-testid=testid>
            <thead>
                <tr>
                    <th>"#"</th><th>"Product"</th><th>"Why"</th><th>"Score"</th>
                    <th title="normalised co-purchase with the cart">"Co-purchase"</th>
                    <th title="the popularity prior's part">"Prior"</th>
                    <th title="what the linear model, solved from all orders, adds">"Linear"</th>
                    <th title="category co-purchase (new products)">"Category"</th>
                    <th title="the shop's rule that put it here">"Rule"</th>
                    <th title="the category rules' factor">"Category rules ×"</th>
                    <th title="the margin factor">"Margin ×"</th>
                    <th>"Stock"</th>
                    {show_change.then(|| view! { <th>"Change"</th> })}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().enumerate().map(|(i, r)| {
                    let stock = match (r.stock, r.low_stock) {
                        (None, _) => "not tracked".to_string(),
                        (Some(n), true) => format!("{n} (low)"),
                        (Some(n), false) => n.to_string(),
                    };
                    let rule = match (&r.product_rule, &r.stands_in_for) {
                        (Some(k), _) => k.clone(),
                        (None, Some(o)) => format!("instead of {o} (out of stock)"),
                        _ => "–".into(),
                    };
                    let change = r.change.clone();
                    view! {
                        <tr data-product=r.id.clone() class:changed=!r.change.is_empty()>
                            <td>{i + 1}</td>
                            <td>{r.name}<small>{format!(" · {}", r.id)}</small></td>
                            <td>{r.reason}</td>
                            <td>{format!("{:.4}", r.score)}</td>
                            <td>{number(r.co_purchase)}</td>
                            <td>{number(r.prior)}</td>
                            <td>{number(r.linear)}</td>
                            <td>{number(r.category)}</td>
                            <td>{rule}</td>
                            <td>{format!("{:.2}", r.category_rule)}</td>
                            <td>{format!("{:.2}", r.margin)}</td>
                            <td>{stock}</td>
                            {show_change.then(|| view! { <td class="change">{change}</td> })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn AdminPreviewPage() -> impl IntoView {
    let q = use_query_map();
    let args = move || {
        q.with(|q| {
            let cart = q.get_all("cart").unwrap_or_default();
            let kind = q.get("kind").filter(|k| !k.is_empty());
            let rule = kind.map(|kind| RuleForm {
                kind,
                sub_type: None,
                product_from: q.get("product_from"),
                cluster_from: q.get("cluster_from"),
                product_to: q.get("product_to"),
                cluster_to: q.get("cluster_to"),
            });
            (cart, rule)
        })
    };
    view! {
        {head()}
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (cart_typed, rule) = args();
                // A rules page gives the form its clusters and kinds.
                let rules = admin_rules(None, None).await;
                let preview = admin_preview(cart_typed.clone(), rule.clone()).await;
                page(rules, move |p: RulesPage| {
                    let rule = rule.unwrap_or_default();
                    let mut cart_fields = cart_typed.clone();
                    cart_fields.retain(|c| !c.is_empty());
                    cart_fields.resize(cart_fields.len().max(2) + 1, String::new());
                    let results = match preview {
                        Ok(Access::SignedIn(pv)) => preview_results(pv, &rule),
                        Ok(Access::SignedOut) => ().into_any(),
                        Err(e) => error_view(e),
                    };
                    view! {
                        <Frame shop_name=p.shop_name.clone() current="/admin/preview">
                            <h1>"Preview the drawer"</h1>
                            <p class="muted">"Compose a cart and see what the drawer shows and why; add a rule without saving it to see what it would change."</p>
                            <form method="get" action="/admin/preview" class="rule-form" data-testid="preview-form">
                                <fieldset>
                                    <legend>"Cart (in the order the shopper added them)"</legend>
                                    {cart_fields.into_iter().map(|c| view! {
                                        <input name="cart" value=c list="product-choices" data-picker autocomplete="off"
                                            placeholder="a product: id or name" aria-label="cart product"/>
                                    }).collect_view()}
                                </fieldset>
                                <fieldset>
                                    <legend>"An unsaved rule (optional)"</legend>
                                    <select name="kind" aria-label="rule type">
                                        <option value="">"— none —"</option>
                                        {p.kinds.iter().map(|k| view! {
                                            <option value=k.clone() selected=*k == rule.kind>{k.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                    <input name="product_from" value=rule.product_from.clone().unwrap_or_default() list="product-choices"
                                        data-picker autocomplete="off" placeholder="from product" aria-label="rule source product"/>
                                    <input name="product_to" value=rule.product_to.clone().unwrap_or_default() list="product-choices"
                                        data-picker autocomplete="off" placeholder="to product" aria-label="rule target product"/>
                                    <select name="cluster_to" aria-label="or to cluster">
                                        <option value="">"— or to a cluster —"</option>
                                        {p.clusters.iter().map(|c| view! {
                                            <option value=c.id.clone() selected=rule.cluster_to.as_deref() == Some(c.id.as_str())>{c.name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </fieldset>
                                <button type="submit">"Preview"</button>
                            </form>
                            {results}
                        </Frame>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

fn preview_results(pv: Preview, rule: &RuleForm) -> AnyView {
    if pv.cart.is_empty() && pv.unknown.is_empty() {
        return ().into_any();
    }
    let cart = pv
        .cart
        .iter()
        .map(|c| c.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let unchanged = pv
        .with_rule
        .as_ref()
        .is_some_and(|w| w.iter().all(|r| r.change.is_empty()));
    let save = pv.with_rule.is_some().then(|| {
        let field = |name: &'static str, v: &Option<String>| {
            view! { <input type="hidden" name=name value=v.clone().unwrap_or_default()/> }
        };
        view! {
            <form method="post" action={action::<AdminRuleSave>()} data-testid="save-previewed">
                <input type="hidden" name="kind" value=rule.kind.clone()/>
                {field("product_from", &rule.product_from)}
                {field("cluster_from", &rule.cluster_from)}
                {field("product_to", &rule.product_to)}
                {field("cluster_to", &rule.cluster_to)}
                <input type="hidden" name="back" value="/admin"/>
                <button type="submit">"Save this rule"</button>
            </form>
        }
    });
    view! {
        <section data-testid="preview">
            <p>"Cart: "<strong>{cart}</strong></p>
            {(!pv.unknown.is_empty()).then(|| view! {
                <p class="notice error">{format!("Not products of the shop: {}", pv.unknown.join(", "))}</p>
            })}
            {pv.rule_error.map(|e| view! { <p class="notice error" data-testid="preview-rule-error">{format!("The unsaved rule: {e}")}</p> })}
            <div class="preview-columns">
                <div>
                    <h2>"The drawer now"</h2>
                    <PreviewTable rows=pv.now testid="preview-now" show_change=false/>
                </div>
                {pv.with_rule.map(|rows| view! {
                    <div>
                        <h2>"With the unsaved rule"</h2>
                        {unchanged.then(|| view! { <p class="muted">"The rule changes nothing for this cart (is its source product in the cart?)."</p> })}
                        <PreviewTable rows testid="preview-with-rule" show_change=true/>
                        {save}
                    </div>
                })}
            </div>
        </section>
    }
    .into_any()
}

/// The holdout experiment's report: what the recommendations add, with honest
/// intervals, per arm and per day.
#[component]
pub fn AdminLiftPage() -> impl IntoView {
    view! {
        {head()}
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let days = query("days").and_then(|d| d.parse().ok());
                page(admin_lift(days).await, |p| {
                    let r = p.report;
                    let (t, c) = (r.treatment_totals.clone(), r.control_totals.clone());
                    let currency = p.currency.clone();
                    let money = move |v: f64| format!("{v:.2} {currency}");
                    let rate = |n: u64, d: u64| if d == 0 { "–".to_string() } else { format!("{:.1} %", n as f64 * 100.0 / d as f64) };
                    let per_visitor = |f: fn(&cartlift_contract::DailyTotals) -> f64| {
                        move |d: &cartlift_contract::DailyTotals| (d.visitors > 0).then(|| f(d) / d.visitors as f64)
                    };
                    let trends = [
                        ("Orders per visitor", charts::trend(&r.daily, per_visitor(|d| d.orders as f64))),
                        ("Revenue per visitor", charts::trend(&r.daily, per_visitor(|d| d.revenue))),
                        ("Click-through rate of the section", charts::trend(&r.daily, |d| (d.impressions > 0).then(|| d.clicks as f64 / d.impressions as f64))),
                    ];
                    let lifts = charts::lifts(&r.metrics);
                    view! {
                        <Frame shop_name=p.shop_name.clone() current="/admin/lift">
                            <h1>"Lift"</h1>
                            <p class="muted">
                                {format!(
                                    "Visitors exposed in the last {} days. {:.0} % of visitors get the recommendations; the others (the control) see {}. \
                                     An order line counts as the section's when its product was clicked or added from it in the same session, at most {} hours before. \
                                     Intervals are {:.0} %; a metric is compared once each arm has {} visitors for it.",
                                    p.days, r.treatment_share * 100.0,
                                    if r.control == "popularity" { "the shop's best sellers" } else { "no section" },
                                    r.attribution_window_hours, r.confidence * 100.0, r.min_visitors,
                                )}
                            </p>
                            <form method="get" class="inline">
                                <label>"Days "<input type="number" name="days" min="1" max="365" value=p.days.to_string()/></label>
                                <button type="submit">"Show"</button>
                                <a href=format!("/admin/lift.csv?days={}", p.days) download="cartlift-lift.csv">"CSV"</a>
                            </form>
                            <h2>"The arms"</h2>
                            <table class="rules" data-testid="lift-arms">
                                <thead><tr><th></th><th>"Treatment"</th><th>"Control"</th></tr></thead>
                                <tbody>
                                    <tr><th>"Visitors"</th><td>{t.visitors}</td><td>{c.visitors}</td></tr>
                                    <tr><th>"Orders"</th><td>{t.orders}</td><td>{c.orders}</td></tr>
                                    <tr><th>"Revenue"</th><td>{money(t.revenue)}</td><td>{money(c.revenue)}</td></tr>
                                    <tr><th>"From the section"</th><td>{money(t.attributed_revenue)}</td><td>{money(c.attributed_revenue)}</td></tr>
                                    <tr><th>"Cards shown"</th><td>{t.impressions}</td><td>{c.impressions}</td></tr>
                                    <tr><th>"Click-through"</th><td>{rate(t.clicks, t.impressions)}</td><td>{rate(c.clicks, c.impressions)}</td></tr>
                                </tbody>
                            </table>
                            <h2>"Lift, treatment against control"</h2>
                            {match lifts {
                                Some(svg) => view! { <figure data-testid="lift-chart" inner_html=svg></figure> }.into_any(),
                                None => view! { <p class="notice">"Not enough data yet to compare the arms."</p> }.into_any(),
                            }}
                            <table class="rules" data-testid="lift-metrics">
                                <thead><tr><th>"Metric"</th><th>"Treatment"</th><th>"Control"</th><th>"Lift"</th><th>"Interval"</th></tr></thead>
                                <tbody>
                                    {r.metrics.iter().map(|m| {
                                        let value = |v: &Option<cartlift_contract::ArmValue>| v.as_ref().map(|v| format!("{:.4} ({} visitors)", v.value, v.visitors)).unwrap_or_else(|| "–".into());
                                        let lift = m.lift.map(charts::percent).unwrap_or_else(|| "–".into());
                                        let interval = match (&m.lift_interval, &m.message) {
                                            (Some([a, b]), _) => format!("{} to {}", charts::percent(*a), charts::percent(*b)),
                                            (None, Some(msg)) => msg.clone(),
                                            _ => "–".into(),
                                        };
                                        view! {
                                            <tr data-metric=m.name.clone() data-status=m.status.clone()>
                                                <td title=m.definition.clone()>{m.name.clone()}</td>
                                                <td>{value(&m.treatment)}</td><td>{value(&m.control)}</td>
                                                <td>{lift}</td><td>{interval}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <h2>"Day by day"</h2>
                            <p class="muted">"Treatment: solid line; control: dashed."</p>
                            {trends.into_iter().map(|(title, svg)| view! {
                                <h3>{title}</h3>
                                {match svg {
                                    Some(svg) => view! { <figure class="trend" inner_html=svg></figure> }.into_any(),
                                    None => view! { <p class="muted">"No data yet."</p> }.into_any(),
                                }}
                            }).collect_view()}
                            <h2>"What sold from the section"</h2>
                            <table class="rules" data-testid="lift-products">
                                <thead><tr><th>"Product"</th><th>"Revenue from the section"</th></tr></thead>
                                <tbody>
                                    {r.top_products.iter().map(|p2| view! {
                                        <tr><td>{format!("{} ({})", p2.name, p2.external_id)}</td><td>{money(p2.attributed_revenue)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </Frame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
