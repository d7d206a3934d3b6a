//! The shop's rules over GraphQL at `/graphql` (admin key required): the reference
//! documents' `Crossupsell` entity, its query, list and mutations, and clusters.
//! Mistakes come back as GraphQL errors with `extensions.code` (`BAD_USER_INPUT`,
//! `NOT_FOUND`) and a message naming the field; the store checks every write.

use std::sync::Arc;

use async_graphql::{
    http::GraphiQLSource, Context, EmptySubscription, Enum, ErrorExtensions, InputObject,
    Interface, Object, Schema, SimpleObject,
};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};

use cartlift_store::{
    CategoryRuleRecord, Cluster, NewProductRule, ProductRuleRecord, Shop, Store, StoredProduct,
};

use super::api::{AdminShop, ApiError, BODY_LIMIT};
use super::AppState;

/// The schema: queries and mutations over one shop (the admin key's).
pub type RulesSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

pub fn schema() -> RulesSchema {
    Schema::build(QueryRoot, MutationRoot, EmptySubscription)
        .limit_depth(12)
        .limit_complexity(2_000)
        .finish()
}

/// `POST /graphql`: a GraphQL request for the admin key's shop: the key in a header,
/// or (GraphiQL) the admin pages' sign-in cookie with a JSON body, which a page of
/// another site cannot send with the cookie (SameSite=Strict, and JSON needs CORS).
pub async fn execute(
    State(state): State<AppState>,
    admin: Result<AdminShop, ApiError>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let shop = match admin {
        Ok(AdminShop(shop)) => shop,
        Err(no_key) => {
            let json = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("application/json"));
            match super::admin::cookie_shop(&state, &headers).await {
                Ok(Some(shop)) if json => shop,
                Err(e) => return ApiError::internal(e).into_response(),
                _ => return no_key.into_response(),
            }
        }
    };
    if body.len() > BODY_LIMIT {
        return ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the body is larger than {BODY_LIMIT} bytes"),
        )
        .into_response();
    }
    let request: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return ApiError::bad_request(format!(
            "the body must be a GraphQL request: {{\"query\": \"…\", \"variables\": {{…}}}} ({e})"
        ))
            .into_response()
        }
    };
    let response = state
        .graphql
        .execute(request.data(state.store.clone()).data(shop))
        .await;
    (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(&response).unwrap_or_else(|_| "{}".into()),
    )
        .into_response()
}

/// `GET /graphql`: GraphiQL for an admin signed in on the admin pages (its requests
/// carry the sign-in cookie); anyone else is sent to sign in first.
pub async fn graphiql(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match super::admin::cookie_shop(&state, &headers).await {
        Ok(Some(_)) => Html(
            GraphiQLSource::build()
                .endpoint("/graphql")
                .title("cartlift GraphQL")
                .finish(),
        )
        .into_response(),
        Ok(None) => axum::response::Redirect::to("/admin").into_response(),
        Err(e) => ApiError::internal(e).into_response(),
    }
}

fn store<'a>(ctx: &Context<'a>) -> &'a Store {
    ctx.data_unchecked::<Store>()
}

fn shop<'a>(ctx: &Context<'a>) -> &'a Shop {
    ctx.data_unchecked::<Arc<Shop>>()
}

/// A store error as a GraphQL error: the user's mistake with its message, anything
/// else logged and answered without its cause.
fn gql_error(e: cartlift_store::Error) -> async_graphql::Error {
    match e {
        cartlift_store::Error::Invalid(why) => {
            async_graphql::Error::new(why).extend_with(|_, x| x.set("code", "BAD_USER_INPUT"))
        }
        other => {
            tracing::error!(error = %other, "a GraphQL operation failed in the store");
            async_graphql::Error::new("the store failed; see the server log")
                .extend_with(|_, x| x.set("code", "INTERNAL_SERVER_ERROR"))
        }
    }
}

fn not_found(what: &str, id: &str) -> async_graphql::Error {
    async_graphql::Error::new(format!("no {what} with id {id:?} in this shop"))
        .extend_with(|_, x| x.set("code", "NOT_FOUND"))
}

/// A date and time, RFC 3339 in UTC.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct DateTime(String);
async_graphql::scalar!(DateTime, "DateTime", "A date and time, RFC 3339 in UTC.");

/// The relationship of a rule's target to its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Enum)]
pub enum CrossupsellType {
    /// Complementary products that enhance the main product.
    Accessories,
    /// Substitutes: never suggested beside the main product; stand in for it when it
    /// is out of stock.
    Alternatives,
    /// Upgrades, variations or enhanced versions: suggested as upsells.
    Options,
    /// Replacement components, spare parts or consumables.
    Parts,
    /// Products bought together with the main product.
    Related,
}

impl CrossupsellType {
    fn stored(self) -> &'static str {
        match self {
            CrossupsellType::Accessories => "ACCESSORIES",
            CrossupsellType::Alternatives => "ALTERNATIVES",
            CrossupsellType::Options => "OPTIONS",
            CrossupsellType::Parts => "PARTS",
            CrossupsellType::Related => "RELATED",
        }
    }

    fn from_stored(s: &str) -> CrossupsellType {
        match s {
            "ACCESSORIES" => CrossupsellType::Accessories,
            "ALTERNATIVES" => CrossupsellType::Alternatives,
            "OPTIONS" => CrossupsellType::Options,
            "PARTS" => CrossupsellType::Parts,
            _ => CrossupsellType::Related,
        }
    }
}

/// A product of the shop, as a rule's end shows it.
#[derive(Clone, Debug)]
pub struct Product {
    pub id: String,
    pub external_id: String,
    pub name: String,
    /// Not listed for sale: hidden from shoppers.
    pub hidden: bool,
}

/// A named group of the shop's products (a collection, a family of variants).
#[derive(Clone, Debug)]
pub struct ProductCluster(Cluster);

#[Object(name = "Cluster")]
impl ProductCluster {
    async fn id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Hidden clusters are never a rule's target in the ranking.
    async fn hidden(&self) -> bool {
        self.0.hidden
    }
    async fn product_ids(&self) -> &[String] {
        &self.0.product_ids
    }
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at.clone())
    }
}

/// What a rule's ends are: a product or a cluster.
// Two `field(…)` declarations with the same `ty` are not a duplicated attribute.
#[allow(clippy::duplicated_attributes)]
#[derive(Interface)]
#[graphql(
    name = "IBaseProduct",
    field(name = "id", ty = "&str"),
    field(name = "name", ty = "&str")
)]
pub enum BaseProduct {
    Product(ProductNode),
    Cluster(ProductCluster),
}

/// A product as a rule's end.
#[derive(Clone, Debug)]
pub struct ProductNode(Product);

#[Object(name = "Product")]
impl ProductNode {
    async fn id(&self) -> &str {
        &self.0.id
    }
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Not listed for sale: hidden from shoppers.
    async fn hidden(&self) -> bool {
        self.0.hidden
    }
}

fn product_node(p: StoredProduct) -> ProductNode {
    ProductNode(Product {
        hidden: !p.available,
        id: p.id,
        external_id: p.external_id,
        name: p.name,
    })
}

/// A cross-sell or upsell rule between products or clusters.
pub struct Crossupsell(ProductRuleRecord);

#[Object]
impl Crossupsell {
    async fn id(&self) -> &str {
        &self.0.id
    }
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at.clone())
    }
    async fn last_modified_at(&self) -> DateTime {
        DateTime(self.0.last_modified_at.clone())
    }
    #[graphql(name = "type")]
    async fn kind(&self) -> CrossupsellType {
        CrossupsellType::from_stored(&self.0.rule.kind)
    }
    async fn sub_type(&self) -> Option<&str> {
        self.0.rule.sub_type.as_deref()
    }
    /// Target product being recommended.
    async fn product_to(
        &self,
        ctx: &Context<'_>,
        hidden: Option<bool>,
    ) -> async_graphql::Result<Option<BaseProduct>> {
        end_product(ctx, &self.0.rule.product_to, hidden).await
    }
    /// Source product that triggers the recommendation.
    async fn product_from(
        &self,
        ctx: &Context<'_>,
        hidden: Option<bool>,
    ) -> async_graphql::Result<Option<BaseProduct>> {
        end_product(ctx, &self.0.rule.product_from, hidden).await
    }
    /// Target cluster whose products are recommended.
    async fn cluster_to(
        &self,
        ctx: &Context<'_>,
        hidden: Option<bool>,
    ) -> async_graphql::Result<Option<BaseProduct>> {
        end_cluster(ctx, &self.0.rule.cluster_to, hidden).await
    }
    /// Source cluster whose products trigger the recommendation.
    async fn cluster_from(
        &self,
        ctx: &Context<'_>,
        hidden: Option<bool>,
    ) -> async_graphql::Result<Option<BaseProduct>> {
        end_cluster(ctx, &self.0.rule.cluster_from, hidden).await
    }
}

async fn end_product(
    ctx: &Context<'_>,
    id: &Option<String>,
    hidden: Option<bool>,
) -> async_graphql::Result<Option<BaseProduct>> {
    let Some(id) = id else { return Ok(None) };
    let found = store(ctx).product(shop(ctx), id).await.map_err(gql_error)?;
    Ok(found
        .filter(|p| p.available || hidden == Some(true))
        .map(|p| BaseProduct::Product(product_node(p))))
}

async fn end_cluster(
    ctx: &Context<'_>,
    id: &Option<String>,
    hidden: Option<bool>,
) -> async_graphql::Result<Option<BaseProduct>> {
    let Some(id) = id else { return Ok(None) };
    let clusters = store(ctx).clusters(shop(ctx)).await.map_err(gql_error)?;
    Ok(clusters
        .into_iter()
        .find(|c| &c.id == id)
        .filter(|c| !c.hidden || hidden == Some(true))
        .map(|c| BaseProduct::Cluster(ProductCluster(c))))
}

/// One page of rules.
#[derive(SimpleObject)]
pub struct CrossupsellsResponse {
    pub items: Vec<Crossupsell>,
    /// Rules matching the filter, on all pages.
    pub total: i32,
    /// This page, from 1.
    pub page: i32,
    /// Pages at this page size (0 when nothing matches).
    pub pages: i32,
}

/// Which rules to list: every given field must match.
#[derive(InputObject, Default)]
pub struct CrossupsellFilter {
    #[graphql(name = "type")]
    pub kind: Option<CrossupsellType>,
    pub sub_type: Option<String>,
    /// Product id or external id.
    pub product_from: Option<String>,
    pub product_to: Option<String>,
    pub cluster_from: Option<String>,
    pub cluster_to: Option<String>,
}

/// A rule's fields: exactly one of productFrom / clusterFrom, one of productTo /
/// clusterTo (product ids or external ids of the shop, cluster ids).
#[derive(InputObject)]
pub struct CrossupsellInput {
    #[graphql(name = "type")]
    pub kind: CrossupsellType,
    /// At most 64 characters.
    pub sub_type: Option<String>,
    pub product_from: Option<String>,
    pub cluster_from: Option<String>,
    pub product_to: Option<String>,
    pub cluster_to: Option<String>,
}

impl From<CrossupsellInput> for NewProductRule {
    fn from(i: CrossupsellInput) -> NewProductRule {
        NewProductRule {
            kind: i.kind.stored().to_string(),
            sub_type: i.sub_type,
            product_from: i.product_from,
            cluster_from: i.cluster_from,
            product_to: i.product_to,
            cluster_to: i.cluster_to,
        }
    }
}

/// A new cluster: a name and products (ids or external ids).
#[derive(InputObject)]
pub struct ClusterInput {
    pub name: String,
    #[graphql(default)]
    pub hidden: bool,
    #[graphql(default)]
    pub product_ids: Vec<String>,
}

/// What a category rule does to the candidates it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Enum)]
pub enum CategoryRuleEffect {
    /// Undoes a broader DENY.
    Allow,
    /// Never suggest products of `to` for a cart holding products of `from`.
    Deny,
    /// Multiply the score by `boost` (above 1 lifts, below 1 lowers).
    Boost,
}

/// A rule between a cart product's category and a suggestion's category (`*` is
/// any); for each pair the most specific rule decides.
#[derive(SimpleObject, InputObject, Clone, Debug)]
#[graphql(input_name = "CategoryRuleInput")]
pub struct CategoryRule {
    /// A category of a product in the cart, or `*`.
    pub from: String,
    /// A category of the suggested product, or `*`.
    pub to: String,
    pub effect: CategoryRuleEffect,
    /// The factor of a BOOST, from 0.01 to 100; absent otherwise.
    pub boost: Option<f64>,
}

impl CategoryRule {
    fn stored(self) -> async_graphql::Result<CategoryRuleRecord> {
        let effect = match (self.effect, self.boost) {
            (CategoryRuleEffect::Allow, None) => "allow".to_string(),
            (CategoryRuleEffect::Deny, None) => "deny".to_string(),
            (CategoryRuleEffect::Boost, Some(f)) => format!("boost:{f}"),
            (CategoryRuleEffect::Boost, None) => {
                return Err(bad_input(
                    "a BOOST rule needs its factor in `boost` (2 doubles a score)",
                ))
            }
            (_, Some(_)) => return Err(bad_input("only a BOOST rule takes a `boost` factor")),
        };
        Ok(CategoryRuleRecord {
            from: self.from,
            to: self.to,
            effect,
        })
    }

    fn from_stored(r: CategoryRuleRecord) -> CategoryRule {
        let (effect, boost) = match r.effect.as_str() {
            "allow" => (CategoryRuleEffect::Allow, None),
            "deny" => (CategoryRuleEffect::Deny, None),
            e => (
                CategoryRuleEffect::Boost,
                e.strip_prefix("boost:").and_then(|f| f.parse().ok()),
            ),
        };
        CategoryRule {
            from: r.from,
            to: r.to,
            effect,
            boost,
        }
    }
}

/// A category of the shop's products.
#[derive(SimpleObject)]
pub struct Category {
    pub name: String,
    pub product_count: i32,
}

fn bad_input(message: &str) -> async_graphql::Error {
    async_graphql::Error::new(message).extend_with(|_, x| x.set("code", "BAD_USER_INPUT"))
}

/// The shop's category rules as stored now (not as the admin key's cached shop
/// held them when the request began).
async fn stored_category_rules(ctx: &Context<'_>) -> async_graphql::Result<Vec<CategoryRule>> {
    let shop = shop(ctx);
    let stored = store(ctx)
        .shop_by_id(&shop.id)
        .await
        .map_err(gql_error)?
        .ok_or_else(|| not_found("shop", &shop.slug))?;
    Ok(stored
        .settings
        .category_rules
        .into_iter()
        .map(CategoryRule::from_stored)
        .collect())
}

pub struct QueryRoot;

#[Object]
impl QueryRoot {
    /// One rule by id.
    async fn crossupsell(
        &self,
        ctx: &Context<'_>,
        id: String,
    ) -> async_graphql::Result<Crossupsell> {
        store(ctx)
            .product_rule(shop(ctx), &id)
            .await
            .map_err(gql_error)?
            .map(Crossupsell)
            .ok_or_else(|| not_found("crossupsell", &id))
    }

    /// The shop's rules, oldest first, filtered and a page at a time.
    async fn crossupsells(
        &self,
        ctx: &Context<'_>,
        filter: Option<CrossupsellFilter>,
        #[graphql(default = 1, validator(minimum = 1))] page: i32,
        #[graphql(default = 20, validator(minimum = 1, maximum = 100))] page_size: i32,
    ) -> async_graphql::Result<CrossupsellsResponse> {
        let (store, shop) = (store(ctx), shop(ctx));
        let filter = filter.unwrap_or_default();
        // Products may be named by external id: compare stored ids.
        let product =
            |id: &Option<String>| id.as_ref().map(|i| cartlift_store::product_id(&shop.id, i));
        let (from, to) = (product(&filter.product_from), product(&filter.product_to));
        let all = store.product_rules(shop).await.map_err(gql_error)?;
        let matching: Vec<ProductRuleRecord> = all
            .into_iter()
            .filter(|r| {
                let is = |want: &Option<String>, got: &Option<String>, alt: Option<&String>| {
                    want.is_none() || got.is_some() && (got == want || got.as_ref() == alt)
                };
                filter.kind.is_none_or(|k| k.stored() == r.rule.kind)
                    && (filter.sub_type.is_none() || filter.sub_type == r.rule.sub_type)
                    && is(&filter.product_from, &r.rule.product_from, from.as_ref())
                    && is(&filter.product_to, &r.rule.product_to, to.as_ref())
                    && is(&filter.cluster_from, &r.rule.cluster_from, None)
                    && is(&filter.cluster_to, &r.rule.cluster_to, None)
            })
            .collect();
        let total = matching.len() as i32;
        let pages = (total + page_size - 1) / page_size;
        let items = matching
            .into_iter()
            .skip(((page - 1) * page_size) as usize)
            .take(page_size as usize)
            .map(Crossupsell)
            .collect();
        Ok(CrossupsellsResponse {
            items,
            total,
            page,
            pages,
        })
    }

    /// The shop's clusters, by name.
    async fn clusters(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ProductCluster>> {
        let clusters = store(ctx).clusters(shop(ctx)).await.map_err(gql_error)?;
        Ok(clusters.into_iter().map(ProductCluster).collect())
    }

    /// The shop's category rules, in the order they were written.
    async fn category_rules(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CategoryRule>> {
        stored_category_rules(ctx).await
    }

    /// The categories of the shop's products, by name: what a category rule can name.
    async fn categories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Category>> {
        let found = store(ctx).categories(shop(ctx)).await.map_err(gql_error)?;
        Ok(found
            .into_iter()
            .map(|(name, n)| Category {
                name,
                product_count: n as i32,
            })
            .collect())
    }
}

pub struct MutationRoot;

#[Object]
impl MutationRoot {
    /// Adds a rule; it acts on the next cross-sell request.
    async fn crossupsell_create(
        &self,
        ctx: &Context<'_>,
        input: CrossupsellInput,
    ) -> async_graphql::Result<Crossupsell> {
        store(ctx)
            .create_product_rule(shop(ctx), input.into())
            .await
            .map(Crossupsell)
            .map_err(gql_error)
    }

    /// Replaces a rule's fields.
    async fn crossupsell_update(
        &self,
        ctx: &Context<'_>,
        id: String,
        input: CrossupsellInput,
    ) -> async_graphql::Result<Crossupsell> {
        store(ctx)
            .update_product_rule(shop(ctx), &id, input.into())
            .await
            .map_err(gql_error)?
            .map(Crossupsell)
            .ok_or_else(|| not_found("crossupsell", &id))
    }

    /// Deletes a rule; it stops acting on the next cross-sell request.
    async fn crossupsell_delete(
        &self,
        ctx: &Context<'_>,
        id: String,
    ) -> async_graphql::Result<bool> {
        let deleted = store(ctx)
            .delete_product_rule(shop(ctx), &id)
            .await
            .map_err(gql_error)?;
        if deleted {
            Ok(true)
        } else {
            Err(not_found("crossupsell", &id))
        }
    }

    /// Adds a category rule, or replaces the one between the same two categories;
    /// returns all the shop's category rules. Acts within a second.
    async fn category_rule_set(
        &self,
        ctx: &Context<'_>,
        input: CategoryRule,
    ) -> async_graphql::Result<Vec<CategoryRule>> {
        let rules = store(ctx)
            .set_category_rule(shop(ctx), input.stored()?)
            .await
            .map_err(gql_error)?;
        Ok(rules.into_iter().map(CategoryRule::from_stored).collect())
    }

    /// Deletes the category rule from `from` to `to`.
    async fn category_rule_delete(
        &self,
        ctx: &Context<'_>,
        from: String,
        to: String,
    ) -> async_graphql::Result<bool> {
        let deleted = store(ctx)
            .delete_category_rule(shop(ctx), &from, &to)
            .await
            .map_err(gql_error)?;
        if deleted {
            Ok(true)
        } else {
            Err(not_found("category rule", &format!("{from} -> {to}")))
        }
    }

    /// Replaces all the shop's category rules at once; a mistake in any writes none.
    async fn category_rules_replace(
        &self,
        ctx: &Context<'_>,
        rules: Vec<CategoryRule>,
    ) -> async_graphql::Result<Vec<CategoryRule>> {
        let stored = rules
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                r.stored()
                    .map_err(|e| bad_input(&format!("rule {}: {}", i + 1, e.message)))
            })
            .collect::<async_graphql::Result<Vec<_>>>()?;
        let rules = store(ctx)
            .replace_category_rules(shop(ctx), stored)
            .await
            .map_err(gql_error)?;
        Ok(rules.into_iter().map(CategoryRule::from_stored).collect())
    }

    /// Renames a cluster, hides or shows it, and replaces its products.
    async fn cluster_update(
        &self,
        ctx: &Context<'_>,
        id: String,
        input: ClusterInput,
    ) -> async_graphql::Result<ProductCluster> {
        let change = cartlift_store::NewCluster {
            name: input.name,
            hidden: input.hidden,
            product_ids: input.product_ids,
        };
        store(ctx)
            .update_cluster(shop(ctx), &id, change)
            .await
            .map_err(gql_error)?
            .map(ProductCluster)
            .ok_or_else(|| not_found("cluster", &id))
    }

    /// Deletes a cluster no rule names.
    async fn cluster_delete(&self, ctx: &Context<'_>, id: String) -> async_graphql::Result<bool> {
        let deleted = store(ctx)
            .delete_cluster(shop(ctx), &id)
            .await
            .map_err(gql_error)?;
        if deleted {
            Ok(true)
        } else {
            Err(not_found("cluster", &id))
        }
    }

    /// Creates a cluster of the shop's products.
    async fn cluster_create(
        &self,
        ctx: &Context<'_>,
        input: ClusterInput,
    ) -> async_graphql::Result<ProductCluster> {
        store(ctx)
            .create_cluster(shop(ctx), &input.name, input.hidden, &input.product_ids)
            .await
            .map(ProductCluster)
            .map_err(gql_error)
    }
}
