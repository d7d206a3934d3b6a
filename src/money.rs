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
    image_url
        .map(str::to_string)
        .unwrap_or_else(|| format!("/art/{product_id}.svg"))
}

/// A host-formatted amount as a number: `"£1,234.50"` → 1234.5, `"232,48 €"` →
/// 232.48, `"1.234,50 €"` → 1234.5. The last `.` or `,` followed by one or two
/// digits is the decimal mark; any other is a thousands separator. `None` when
/// there is no number.
pub fn parse_money(text: &str) -> Option<f64> {
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',' || *c == '-')
        .collect();
    let digits_after = |i: usize| {
        kept[i + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count()
    };
    let decimal = kept
        .rfind(['.', ','])
        .filter(|&i| (1..=2).contains(&digits_after(i)) && i + 1 + digits_after(i) == kept.len());
    let mut number = String::new();
    for (i, c) in kept.char_indices() {
        match c {
            '0'..='9' => number.push(c),
            '-' if number.is_empty() => number.push(c),
            '.' | ',' if Some(i) == decimal => number.push('.'),
            _ => {}
        }
    }
    number.parse().ok().filter(|n: &f64| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_hosts_format() {
        assert_eq!(parse_money("£12.50"), Some(12.5));
        assert_eq!(parse_money("232,48 €"), Some(232.48));
        assert_eq!(parse_money("1.234,50 €"), Some(1234.5));
        assert_eq!(parse_money("$1,234.56"), Some(1234.56));
        assert_eq!(parse_money("1,234 kr"), Some(1234.0));
        assert_eq!(parse_money("¥1500"), Some(1500.0));
        assert_eq!(parse_money(&format_money(3.75, "EUR")), Some(3.75));
        assert_eq!(parse_money("free"), None);
    }

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
