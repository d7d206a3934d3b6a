//! Money as a shop shows it. The host formats its own cart totals (the widget
//! displays them as given); this is how the demo shop and product cards do it.

/// `12.5, "GBP"` → `£12.50`; `12.5, "EUR"` → `12,50 €`.
pub fn format_money(amount: f64, currency: &str) -> String {
    match currency {
        "GBP" => format!("£{amount:.2}"),
        "USD" => format!("${amount:.2}"),
        "EUR" => format!("{} €", format!("{amount:.2}").replace('.', ",")),
        other => format!("{amount:.2} {other}"),
    }
}

/// Whole percent off, when a sale price is lower than the price.
pub fn discount_percent(price: f64, sale_price: Option<f64>) -> Option<u32> {
    let sale = sale_price?;
    (price > 0.0 && sale < price).then(|| ((1.0 - sale / price) * 100.0).round() as u32)
}

/// The product image, or the shop's placeholder art when it has none.
pub fn image_or_art(image_url: Option<&str>, product_id: &str) -> String {
    image_url.map(str::to_string).unwrap_or_else(|| format!("/art/{product_id}.svg"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_discounts() {
        assert_eq!(format_money(12.5, "GBP"), "£12.50");
        assert_eq!(format_money(232.48, "EUR"), "232,48 €");
        assert_eq!(format_money(3.0, "JPY"), "3.00 JPY");
        assert_eq!(discount_percent(10.0, Some(7.5)), Some(25));
        assert_eq!(discount_percent(10.0, Some(12.0)), None);
        assert_eq!(discount_percent(10.0, None), None);
    }
}
