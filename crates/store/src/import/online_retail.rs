//! The UCI "Online Retail" file (the demo shop): invoices with stock codes.
//!
//! Cleaning, as the data needs: cancellations (`C` invoices) and non-product codes
//! (postage, fees, vouchers) are dropped; lines with quantity or price <= 0 are
//! stock adjustments, dropped; a product's name is its most frequent well-formed
//! description (trimmed, spaces collapsed; stock notes such as "damaged" or "?" are
//! not names); its price is the most frequent unit price; a product repeated within
//! one invoice becomes one line with the quantities summed.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use serde::Serialize;

use super::taxonomy::Taxonomy;
use crate::records::{NewOrder, NewOrderLine, NewProduct};
use crate::{Error, Result};

/// Codes that are services or bookkeeping, not products.
const NON_PRODUCT_CODES: &[&str] = &[
    "POST",
    "DOT",
    "M",
    "D",
    "C2",
    "BANK CHARGES",
    "AMAZONFEE",
    "PADS",
    "CRUK",
    "S",
    "B",
];

fn is_non_product(code: &str) -> bool {
    NON_PRODUCT_CODES
        .iter()
        .any(|c| c.eq_ignore_ascii_case(code))
        || code.to_ascii_lowercase().starts_with("gift_0001")
}

/// What the import kept and why it dropped the rest.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub lines_read: u64,
    pub lines_kept: u64,
    /// Dropped lines by reason.
    pub lines_dropped: BTreeMap<&'static str, u64>,
    pub products: usize,
    pub orders: usize,
    /// Products whose description varied between lines (the most frequent was kept).
    pub products_with_varying_descriptions: usize,
    /// Products whose unit price varied between lines (the most frequent was kept).
    pub products_with_varying_prices: usize,
    /// Lines merged into an earlier line of the same product in the same invoice.
    pub repeated_lines_merged: u64,
}

/// A parsed file: products and closed orders, with the report.
#[derive(Debug)]
pub struct Parsed {
    pub products: Vec<NewProduct>,
    pub orders: Vec<NewOrder>,
    pub report: Report,
}

#[derive(serde::Deserialize)]
struct Row {
    #[serde(rename = "InvoiceNo")]
    invoice: String,
    #[serde(rename = "StockCode")]
    code: String,
    #[serde(rename = "Description")]
    description: String,
    #[serde(rename = "Quantity")]
    quantity: String,
    #[serde(rename = "InvoiceDate")]
    date: String,
    #[serde(rename = "UnitPrice")]
    price: String,
    #[serde(rename = "CustomerID")]
    customer: String,
    #[serde(rename = "Country")]
    #[allow(dead_code)]
    country: String,
}

#[derive(Default)]
struct ProductSeen {
    descriptions: HashMap<String, u32>,
    prices: HashMap<i64, u32>,
}

/// A name, or `None` for stock notes: at least three letters, mostly upper case.
fn clean_description(raw: &str) -> Option<String> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    let lower = s.chars().filter(|c| c.is_lowercase()).count();
    (upper + lower >= 3 && upper > lower).then_some(s)
}

/// Parses the file. `progress` is called every 10,000 lines with the count so far.
pub fn parse(
    reader: impl Read,
    taxonomy: &Taxonomy,
    mut progress: impl FnMut(u64),
) -> Result<Parsed> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(reader);
    let mut report = Report::default();
    let mut seen: HashMap<String, ProductSeen> = HashMap::new();
    let mut code_order: Vec<String> = Vec::new();
    let mut orders: Vec<NewOrder> = Vec::new();
    let mut order_index: HashMap<String, usize> = HashMap::new();
    let drop =
        |report: &mut Report, why: &'static str| *report.lines_dropped.entry(why).or_insert(0) += 1;

    for (i, record) in csv.deserialize::<Row>().enumerate() {
        let line = i as u64 + 2;
        let row = record.map_err(|e| Error::Parse {
            origin: "online-retail".into(),
            line,
            message: e.to_string(),
        })?;
        report.lines_read += 1;
        if report.lines_read % 10_000 == 0 {
            progress(report.lines_read);
        }
        let invoice = row.invoice.trim();
        let code = row.code.trim().to_uppercase();
        if invoice.starts_with('C') || invoice.starts_with('c') {
            drop(&mut report, "cancellation");
            continue;
        }
        if is_non_product(&code) {
            drop(&mut report, "nonProductCode");
            continue;
        }
        let bad = |field: &str, v: &str| Error::Parse {
            origin: "online-retail".into(),
            line,
            message: format!("{field} {v:?} is not a number"),
        };
        let quantity: i64 = row
            .quantity
            .trim()
            .parse()
            .map_err(|_| bad("Quantity", &row.quantity))?;
        let price: f64 = row
            .price
            .trim()
            .parse()
            .map_err(|_| bad("UnitPrice", &row.price))?;
        if quantity <= 0 {
            drop(&mut report, "nonPositiveQuantity");
            continue;
        }
        if price <= 0.0 {
            drop(&mut report, "nonPositivePrice");
            continue;
        }
        let closed_at = parse_date(&row.date).ok_or_else(|| Error::Parse {
            origin: "online-retail".into(),
            line,
            message: format!("InvoiceDate {:?} is not YYYY-MM-DD HH:MM:SS", row.date),
        })?;

        let entry = seen.entry(code.clone()).or_insert_with(|| {
            code_order.push(code.clone());
            ProductSeen::default()
        });
        if let Some(d) = clean_description(&row.description) {
            *entry.descriptions.entry(d).or_insert(0) += 1;
        }
        *entry
            .prices
            .entry((price * 100.0).round() as i64)
            .or_insert(0) += 1;

        let idx = *order_index.entry(invoice.to_string()).or_insert_with(|| {
            let customer = row.customer.trim().trim_end_matches(".0").to_string();
            orders.push(NewOrder {
                external_id: invoice.to_string(),
                customer_id: (!customer.is_empty()).then_some(customer),
                visitor_id: None,
                session_id: None,
                closed_at: closed_at.clone(),
                lines: Vec::new(),
            });
            orders.len() - 1
        });
        let order = &mut orders[idx];
        if let Some(l) = order
            .lines
            .iter_mut()
            .find(|l| l.product_external_id == code)
        {
            l.quantity += quantity;
            report.repeated_lines_merged += 1;
        } else {
            order.lines.push(NewOrderLine {
                product_external_id: code,
                quantity,
                unit_price: price,
            });
        }
        report.lines_kept += 1;
    }

    // Products with no usable description anywhere are not sellable: drop their lines.
    let mut products = Vec::new();
    let mut unnamed = std::collections::HashSet::new();
    for code in &code_order {
        let s = &seen[code];
        let Some(name) = most_frequent(&s.descriptions).cloned() else {
            unnamed.insert(code.clone());
            continue;
        };
        report.products_with_varying_descriptions += (s.descriptions.len() > 1) as usize;
        report.products_with_varying_prices += (s.prices.len() > 1) as usize;
        let cents = *most_frequent(&s.prices).expect("every kept line has a price");
        products.push(NewProduct {
            external_id: code.clone(),
            categories: taxonomy.categorize(&name),
            name,
            description: None,
            price: cents as f64 / 100.0,
            sale_price: None,
            cost_price: None,
            url: None,
            image_url: None,
            tags: Vec::new(),
            brands: Vec::new(),
            family: None,
            stock: None,
            available: true,
        });
    }
    if !unnamed.is_empty() {
        for o in &mut orders {
            let before = o.lines.len();
            o.lines
                .retain(|l| !unnamed.contains(&l.product_external_id));
            let gone = (before - o.lines.len()) as u64;
            if gone > 0 {
                report.lines_kept -= gone;
                *report
                    .lines_dropped
                    .entry("noUsableDescription")
                    .or_insert(0) += gone;
            }
        }
        orders.retain(|o| !o.lines.is_empty());
    }
    report.products = products.len();
    report.orders = orders.len();
    Ok(Parsed {
        products,
        orders,
        report,
    })
}

/// The most frequent key; ties go to the smallest, so the result is stable.
fn most_frequent<K: Ord>(counts: &HashMap<K, u32>) -> Option<&K> {
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k)
}

/// `2010-12-01 08:26:00` (the shop's UK time, taken as UTC) -> RFC 3339.
fn parse_date(s: &str) -> Option<String> {
    let t = chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    Some(
        t.and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    fn taxonomy() -> Taxonomy {
        Taxonomy::from_toml("fallback = \"gifts\"\n[[category]]\nname = \"lighting\"\nkeywords = [\"lantern\", \"t-light\"]\n").unwrap()
    }

    fn parse_str(body: &str) -> Result<Parsed> {
        parse(format!("{HEADER}{body}").as_bytes(), &taxonomy(), |_| {})
    }

    #[test]
    fn cleans_as_the_data_needs() {
        let p = parse_str(
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER ,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n\
             536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n\
             536365,71053,WHITE  METAL LANTERN,2,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n\
             536365,POST,POSTAGE,1,2010-12-01 08:26:00,18.00,17850.0,United Kingdom\n\
             C536379,71053,WHITE METAL LANTERN,-1,2010-12-01 09:41:00,3.39,14527.0,United Kingdom\n\
             536380,71053,damaged,-5,2010-12-01 09:41:00,0,,United Kingdom\n\
             536381,71053,?,3,2010-12-01 09:45:00,0,,United Kingdom\n\
             536382,71053,WHITE METAL LANTERN,1,2010-12-01 09:45:00,4.25,,United Kingdom\n\
             536383,99999,?,1,2010-12-01 09:45:00,1.00,,United Kingdom\n\
             536384,gift_0001_20,Dotcomgiftshop Gift Voucher,1,2010-12-01 09:45:00,17.00,,United Kingdom\n",
        )
        .unwrap();
        let r = &p.report;
        assert_eq!(r.lines_read, 10);
        assert_eq!(r.lines_dropped["cancellation"], 1);
        assert_eq!(r.lines_dropped["nonProductCode"], 2);
        assert_eq!(r.lines_dropped["nonPositiveQuantity"], 1);
        assert_eq!(r.lines_dropped["nonPositivePrice"], 1);
        assert_eq!(r.lines_dropped["noUsableDescription"], 1);
        assert_eq!(r.lines_kept, 4);
        assert_eq!(r.repeated_lines_merged, 1);
        assert_eq!(p.products.len(), 2);
        let lantern = p
            .products
            .iter()
            .find(|p| p.external_id == "71053")
            .unwrap();
        assert_eq!(lantern.name, "WHITE METAL LANTERN");
        assert_eq!(lantern.price, 3.39, "the most frequent price");
        assert_eq!(lantern.categories, ["lighting"]);
        let heart = p
            .products
            .iter()
            .find(|p| p.external_id == "85123A")
            .unwrap();
        assert_eq!(heart.name, "WHITE HANGING HEART T-LIGHT HOLDER");
        assert_eq!(p.orders.len(), 2);
        let first = &p.orders[0];
        assert_eq!(first.external_id, "536365");
        assert_eq!(first.customer_id.as_deref(), Some("17850"));
        assert_eq!(first.closed_at, "2010-12-01T08:26:00Z");
        assert_eq!(first.lines.len(), 2);
        assert_eq!(first.lines[1].quantity, 8, "repeated product merged");
        assert_eq!(p.orders[1].customer_id, None);
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let e = parse_str("536365,71053,WHITE METAL LANTERN,six,2010-12-01 08:26:00,3.39,,UK\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "online-retail, line 2: Quantity \"six\" is not a number"
        );
        let e = parse_str("536365,71053,WHITE METAL LANTERN,6,yesterday,3.39,,UK\n").unwrap_err();
        assert!(e.to_string().contains("line 2") && e.to_string().contains("InvoiceDate"));
    }
}
