//! Whole numbers as JSON has them: `12` and `12.0` are the same number (JSON Schema
//! calls both an integer), so a count may come either way; `12.5` or `-1` may not.

use serde::{de, Deserialize, Deserializer};

fn from_number<E: de::Error>(n: serde_json::Number) -> Result<u32, E> {
    let whole = n.as_u64().or_else(|| {
        n.as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX))
            .map(|f| f as u64)
    });
    whole.and_then(|w| u32::try_from(w).ok()).ok_or_else(|| {
        E::custom(format!(
            "expected a whole number from 0 to {}, got {n}",
            u32::MAX
        ))
    })
}

pub fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    from_number(serde_json::Number::deserialize(d)?)
}

pub fn option_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Option::<serde_json::Number>::deserialize(d)?
        .map(from_number)
        .transpose()
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct Count {
        #[serde(deserialize_with = "super::u32")]
        n: u32,
    }

    fn count(json: &str) -> Result<u32, String> {
        serde_json::from_str::<Count>(json)
            .map(|c| c.n)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_whole_number_may_be_written_with_a_point() {
        assert_eq!(count(r#"{"n": 12}"#), Ok(12));
        assert_eq!(count(r#"{"n": 12.0}"#), Ok(12));
        assert!(count(r#"{"n": 12.5}"#)
            .unwrap_err()
            .contains("whole number"));
        assert!(count(r#"{"n": -1}"#).is_err());
        assert!(count(r#"{"n": 1e10}"#).is_err());
        assert!(count(r#"{"n": "12"}"#).is_err());
    }
}

#[cfg(test)]
mod requests {
    #[test]
    fn counts_in_requests_may_be_written_with_a_point() {
        let r: crate::SearchRequest =
            serde_json::from_str(r#"{"query":"lamp","limit":3.0,"offset":0.0}"#).unwrap();
        assert_eq!((r.limit, r.offset), (Some(3), Some(0)));
        let r: crate::CrossSellRequest =
            serde_json::from_str(r#"{"productIds":["a"],"limit":4.0}"#).unwrap();
        assert_eq!(r.limit, Some(4));
    }
}
