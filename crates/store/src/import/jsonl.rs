//! The generic import format for any shop: JSON Lines, one product or one closed
//! order per line (see `docs/import-format.md`). The whole file is checked before
//! anything is written; an error names the line.

use std::io::{BufRead, BufReader, Read};

use serde::de::DeserializeOwned;

use crate::records::{NewOrder, NewProduct};
use crate::{Error, Result};

fn parse_lines<T: DeserializeOwned>(
    reader: impl Read,
    origin: &str,
    check: impl Fn(&T) -> std::result::Result<(), String>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for (i, line) in BufReader::new(reader).lines().enumerate() {
        let line_no = i as u64 + 1;
        let line = line.map_err(|e| Error::Parse {
            origin: origin.into(),
            line: line_no,
            message: e.to_string(),
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let item: T = serde_json::from_str(&line).map_err(|e| Error::Parse {
            origin: origin.into(),
            line: line_no,
            message: e.to_string(),
        })?;
        check(&item).map_err(|message| Error::Parse {
            origin: origin.into(),
            line: line_no,
            message,
        })?;
        out.push(item);
    }
    Ok(out)
}

/// Products, one JSON object per line.
pub fn products(reader: impl Read) -> Result<Vec<NewProduct>> {
    parse_lines(reader, "products", NewProduct::validate)
}

/// Clusters, one JSON object per line: `{"name", "hidden"?, "products": [external ids]}`.
pub fn clusters(reader: impl Read) -> Result<Vec<crate::NewCluster>> {
    parse_lines(reader, "clusters", |c: &crate::NewCluster| {
        if c.name.trim().is_empty() {
            Err("a cluster needs a name".to_string())
        } else {
            Ok(())
        }
    })
}

/// Closed orders, one JSON object per line.
pub fn orders(reader: impl Read) -> Result<Vec<NewOrder>> {
    parse_lines(reader, "orders", NewOrder::validate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_products_and_orders() {
        let p = products(
            "{\"externalId\":\"sku-1\",\"name\":\"Lantern\",\"price\":12.5,\"categories\":[\"lighting\"],\"stock\":3}\n\n{\"externalId\":\"sku-2\",\"name\":\"Candle\",\"price\":4}\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].stock, Some(3));
        assert!(p[1].available);
        let o = orders(
            "{\"externalId\":\"1001\",\"closedAt\":\"2024-05-01T10:00:00Z\",\"lines\":[{\"productExternalId\":\"sku-1\",\"quantity\":1,\"unitPrice\":12.5}]}\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(o[0].lines[0].product_external_id, "sku-1");
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let e = products("{\"externalId\":\"a\",\"name\":\"A\",\"price\":1}\n{\"externalId\":\"b\",\"name\":\"B\",\"price\":-1}\n".as_bytes()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "products, line 2: product \"b\": price must be a number >= 0, got -1"
        );
        let e =
            products("{\"externalId\":\"a\",\"nam\":\"A\",\"price\":1}\n".as_bytes()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("products, line 1: unknown field `nam`"),
            "{e}"
        );
        let e =
            orders("{\"externalId\":\"1\",\"closedAt\":\"yesterday\",\"lines\":[]}\n".as_bytes())
                .unwrap_err();
        assert!(
            e.to_string().contains("closedAt must be an RFC 3339 time"),
            "{e}"
        );
    }
}
