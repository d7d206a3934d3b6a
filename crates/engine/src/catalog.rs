//! The products the engine ranks, addressed by a dense index.

use rustc_hash::FxHashMap;

/// Dense index of a product inside one [`Catalog`]; stable while the catalog lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProductIdx(pub u32);

impl ProductIdx {
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

/// What the ranking needs to know of a product.
#[derive(Clone, Debug, PartialEq)]
pub struct Product {
    /// The API id (a UUID).
    pub id: String,
    /// The shop's own id (a stock code, a post id).
    pub external_id: String,
    pub name: String,
    pub categories: Vec<String>,
    /// Variants of one thing (sizes, colours) share a family; none is suggested
    /// for a cart that holds another.
    pub family: Option<String>,
    pub price: f64,
    /// When known, margin lifts the product a little.
    pub cost: Option<f64>,
    /// Units in stock; `None` when the shop does not track stock.
    pub stock: Option<i64>,
    /// Listed for sale at all (a shop can switch a product off).
    pub available: bool,
}

impl Product {
    pub fn in_stock(&self) -> bool {
        self.available && self.stock.is_none_or(|s| s > 0)
    }

    pub fn low_stock(&self) -> bool {
        matches!(self.stock, Some(s) if s > 0 && s <= 5)
    }

    /// Gross margin as a fraction of the price, when the cost is known.
    pub fn margin(&self) -> Option<f64> {
        let cost = self.cost?;
        (self.price > 0.0).then(|| ((self.price - cost) / self.price).clamp(0.0, 1.0))
    }
}

/// All products of one shop, with lookups by API id and by the shop's id.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    products: Vec<Product>,
    by_id: FxHashMap<String, ProductIdx>,
    by_external: FxHashMap<String, ProductIdx>,
    /// Category names interned, so the model can count category pairs cheaply.
    category_ids: FxHashMap<String, u32>,
    category_names: Vec<String>,
    product_categories: Vec<Vec<u32>>,
    /// What "the same thing" means for deduplication and diversity.
    groups: Vec<u32>,
    group_ids: FxHashMap<String, u32>,
    /// Each product's name start (see [`name_start`]), interned: the ranking caps
    /// suggestions per name start on every request, without a string each time.
    name_starts: Vec<u32>,
    name_start_ids: FxHashMap<String, u32>,
}

impl Catalog {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.products.len()
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }

    /// Adds a product, or replaces the one with the same API id (keeping its index).
    pub fn upsert(&mut self, product: Product) -> ProductIdx {
        let categories: Vec<u32> = product
            .categories
            .iter()
            .map(|c| self.intern_category(c))
            .collect();
        let group_key = match &product.family {
            Some(f) => format!("family:{f}"),
            None => format!("product:{}", product.id),
        };
        let next = self.group_ids.len() as u32;
        let group = *self.group_ids.entry(group_key).or_insert(next);
        let next = self.name_start_ids.len() as u32;
        let start = *self
            .name_start_ids
            .entry(name_start(&product.name))
            .or_insert(next);
        if let Some(&idx) = self.by_id.get(&product.id) {
            let old = &self.products[idx.get()];
            if old.external_id != product.external_id {
                self.by_external.remove(&old.external_id);
                self.by_external.insert(product.external_id.clone(), idx);
            }
            self.product_categories[idx.get()] = categories;
            self.groups[idx.get()] = group;
            self.name_starts[idx.get()] = start;
            self.products[idx.get()] = product;
            return idx;
        }
        let idx = ProductIdx(self.products.len() as u32);
        self.by_id.insert(product.id.clone(), idx);
        self.by_external.insert(product.external_id.clone(), idx);
        self.product_categories.push(categories);
        self.groups.push(group);
        self.name_starts.push(start);
        self.products.push(product);
        idx
    }

    pub fn get(&self, idx: ProductIdx) -> &Product {
        &self.products[idx.get()]
    }

    /// Finds a product by API id, or else by the shop's own id.
    pub fn find(&self, id: &str) -> Option<ProductIdx> {
        self.by_id
            .get(id)
            .or_else(|| self.by_external.get(id))
            .copied()
    }

    pub fn find_external(&self, external_id: &str) -> Option<ProductIdx> {
        self.by_external.get(external_id).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (ProductIdx, &Product)> {
        self.products
            .iter()
            .enumerate()
            .map(|(i, p)| (ProductIdx(i as u32), p))
    }

    pub(crate) fn category_ids(&self, idx: ProductIdx) -> &[u32] {
        &self.product_categories[idx.get()]
    }

    pub(crate) fn category_name(&self, id: u32) -> &str {
        &self.category_names[id as usize]
    }

    pub(crate) fn category_count(&self) -> usize {
        self.category_names.len()
    }

    /// Products of one group are "the same thing" to a shopper.
    pub(crate) fn group(&self, idx: ProductIdx) -> u32 {
        self.groups[idx.get()]
    }

    /// The interned [`name_start`] of the product's name.
    pub(crate) fn name_start(&self, idx: ProductIdx) -> u32 {
        self.name_starts[idx.get()]
    }

    fn intern_category(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.category_ids.get(name) {
            return id;
        }
        let id = self.category_names.len() as u32;
        self.category_names.push(name.to_string());
        self.category_ids.insert(name.to_string(), id);
        id
    }
}

/// The first two words of a name, case-folded: "JUMBO BAG RED" -> "jumbo bag".
/// Ten colours of one bag are one suggestion to a shopper, not ten.
fn name_start(name: &str) -> String {
    name.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A product for tests: id `p-<ext>`, price 10, in stock, untracked stock.
    pub fn product(ext: &str, categories: &[&str]) -> Product {
        Product {
            id: format!("p-{ext}"),
            external_id: ext.to_string(),
            name: ext.to_uppercase(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            family: None,
            price: 10.0,
            cost: None,
            stock: None,
            available: true,
        }
    }

    #[test]
    fn upsert_keeps_the_index_and_updates_lookups() {
        let mut c = Catalog::new();
        let a = c.upsert(product("a", &["bags"]));
        let mut changed = product("a", &["kitchen"]);
        changed.external_id = "a2".into();
        assert_eq!(c.upsert(changed), a);
        assert_eq!(c.len(), 1);
        assert_eq!(c.find("a2"), Some(a));
        assert_eq!(c.find("a"), None);
        assert_eq!(c.find("p-a"), Some(a));
        assert_eq!(c.category_name(c.category_ids(a)[0]), "kitchen");
    }

    #[test]
    fn stock_and_margin() {
        let mut p = product("a", &[]);
        assert!(p.in_stock() && !p.low_stock() && p.margin().is_none());
        p.stock = Some(3);
        assert!(p.in_stock() && p.low_stock());
        p.stock = Some(0);
        assert!(!p.in_stock());
        p.stock = None;
        p.available = false;
        assert!(!p.in_stock());
        p.cost = Some(6.0);
        assert_eq!(p.margin(), Some(0.4));
    }
}
