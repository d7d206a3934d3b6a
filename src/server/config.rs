//! Runtime settings: `Leptos.toml` compiled in as defaults, a file on disk over them,
//! environment variables over both. Anything malformed stops the start with the key
//! and the form it expects, so a typo never runs silently with a default.

use std::path::Path;

use serde::Deserialize;

use crate::i18n::Language;

/// The defaults, so a lone binary starts without any file beside it.
const DEFAULTS: &str = include_str!("../../Leptos.toml");

/// Which environment variable overrides which key.
const ENV_OVERRIDES: &[(&str, &str)] = &[
    ("store.database_url", "CARTLIFT_DB"),
    ("widget.api_base_url", "CARTLIFT_API_BASE_URL"),
    ("widget.token", "CARTLIFT_WIDGET_TOKEN"),
    ("widget.shop", "CARTLIFT_SHOP"),
    ("widget.language", "CARTLIFT_LANGUAGE"),
    ("widget.upstream_timeout_ms", "CARTLIFT_UPSTREAM_TIMEOUT_MS"),
    ("cart.enabled", "CARTLIFT_CART_ENABLED"),
    ("cart.external_update_event", "CARTLIFT_CART_EVENT"),
    (
        "cart.cross_sell_debounce_ms",
        "CARTLIFT_CROSS_SELL_DEBOUNCE_MS",
    ),
    (
        "cart.cart_update_debounce_ms",
        "CARTLIFT_CART_UPDATE_DEBOUNCE_MS",
    ),
    ("limits.request_timeout_ms", "CARTLIFT_REQUEST_TIMEOUT_MS"),
    ("limits.max_body_bytes", "CARTLIFT_MAX_BODY_BYTES"),
    ("limits.per_address_per_second", "CARTLIFT_RATE_PER_ADDRESS"),
    ("limits.per_key_per_second", "CARTLIFT_RATE_PER_KEY"),
];

/// One setting as it is in effect: its key, the variable that overrides it, its
/// value (secrets masked) and where the value came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Effective {
    pub key: String,
    pub variable: String,
    pub value: String,
    /// `default`, the settings file's path, or the environment variable's name.
    pub origin: String,
}

/// A setting that cannot be used, with enough to fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{origin}: {message}")]
    Syntax { origin: String, message: String },
    #[error("setting `{key}` (from {origin}) is {value:?}: expected {expected}")]
    Invalid {
        key: String,
        origin: String,
        value: String,
        expected: String,
    },
}

/// Every runtime setting of the server.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub store: StoreSettings,
    pub widget: WidgetSection,
    pub cart: CartSection,
    pub limits: LimitsSection,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreSettings {
    pub database_url: String,
}

// Settings reach logs and panics through Debug: no password or token in them.
impl std::fmt::Debug for StoreSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreSettings")
            .field("database_url", &masked_url(&self.database_url))
            .finish()
    }
}

impl std::fmt::Debug for WidgetSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WidgetSection")
            .field("api_base_url", &self.api_base_url)
            .field("token", &if self.token.is_empty() { "" } else { "***" })
            .field("shop", &self.shop)
            .field("language", &self.language)
            .field("upstream_timeout_ms", &self.upstream_timeout_ms)
            .finish()
    }
}

/// A database URL with its password replaced by `***`, for logs.
pub fn masked_url(url: &str) -> String {
    let (Some(scheme), Some(at)) = (url.find("://"), url.rfind('@')) else {
        return url.to_string();
    };
    let credentials = &url[scheme + 3..at.max(scheme + 3)];
    match credentials.find(':') {
        Some(colon) if at > scheme => format!(
            "{}{}:***{}",
            &url[..scheme + 3],
            &credentials[..colon],
            &url[at..]
        ),
        _ => url.to_string(),
    }
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WidgetSection {
    pub api_base_url: String,
    pub token: String,
    pub shop: String,
    pub language: String,
    pub upstream_timeout_ms: u64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CartSection {
    pub enabled: bool,
    pub external_update_event: String,
    pub cross_sell_debounce_ms: u32,
    pub cart_update_debounce_ms: u32,
}

/// What one request, one client and one key may take of the server.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsSection {
    pub request_timeout_ms: u64,
    pub max_body_bytes: usize,
    pub per_address_per_second: u32,
    pub per_key_per_second: u32,
}

impl Settings {
    /// Loads the defaults, then `file` when given (it must exist) or `./Leptos.toml`
    /// when present, then the environment (`env` is a lookup so tests need not touch
    /// the process environment).
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, ConfigError> {
        Self::load_explained(file, env).map(|(settings, _)| settings)
    }

    /// [`Settings::load`], with every setting as it is in effect and where its value
    /// came from (secrets masked): what `cartlift config check` prints.
    pub fn load_explained(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<(Settings, Vec<Effective>), ConfigError> {
        let mut table = parse(DEFAULTS, "built-in defaults")?;
        let mut origins = std::collections::BTreeMap::new();
        let (path, required) = match file {
            Some(p) => (p.to_path_buf(), true),
            None => (Path::new("Leptos.toml").to_path_buf(), false),
        };
        if required || path.exists() {
            let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                path: path.display().to_string(),
                source,
            })?;
            let origin = path.display().to_string();
            merge(
                &mut table,
                parse(&text, &origin)?,
                &origin,
                "",
                &mut origins,
            )?;
        }
        for (key, var) in ENV_OVERRIDES {
            if let Some(raw) = env(var) {
                set_from_env(&mut table, key, var, &raw)?;
                origins.insert(key.to_string(), var.to_string());
            }
        }
        let effective = ENV_OVERRIDES
            .iter()
            .map(|(key, var)| {
                let (section, name) = key.split_once('.').expect("keys are section.name");
                let value = &table[section][name];
                let shown = match (*key, value) {
                    ("store.database_url", toml::Value::String(url)) => masked_url(url),
                    ("widget.token", toml::Value::String(t)) if !t.is_empty() => "***".into(),
                    (_, toml::Value::String(text)) => text.clone(),
                    (_, other) => other.to_string(),
                };
                Effective {
                    key: key.to_string(),
                    variable: var.to_string(),
                    value: shown,
                    origin: origins
                        .get(*key)
                        .cloned()
                        .unwrap_or_else(|| "default".into()),
                }
            })
            .collect();
        let settings: Settings =
            toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Syntax {
                    origin: "settings".into(),
                    message: e.message().to_string(),
                })?;
        settings.validate()?;
        Ok((settings, effective))
    }

    /// Loads from the process environment.
    pub fn from_env(file: Option<&Path>) -> Result<Settings, ConfigError> {
        Self::load(file, |k| std::env::var(k).ok())
    }

    pub fn language(&self) -> Language {
        // Checked in `validate`.
        self.widget.language.parse().unwrap_or_default()
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |key: &str, value: &str, expected: &str| ConfigError::Invalid {
            key: key.into(),
            origin: origin_of(key),
            value: value.into(),
            expected: expected.into(),
        };
        let db = &self.store.database_url;
        if !(db.starts_with("sqlite:")
            || db.starts_with("postgres://")
            || db.starts_with("postgresql://"))
        {
            return Err(invalid(
                "store.database_url",
                db,
                "sqlite://<file> or postgres://user:pass@host/db",
            ));
        }
        let base = &self.widget.api_base_url;
        if !base.is_empty() && !base.starts_with("http://") && !base.starts_with("https://") {
            return Err(invalid(
                "widget.api_base_url",
                base,
                "empty, or an http:// or https:// URL",
            ));
        }
        if self.widget.shop.is_empty() || !self.widget.shop.chars().all(is_slug_char) {
            return Err(invalid(
                "widget.shop",
                &self.widget.shop,
                "a shop slug (a-z, 0-9, -)",
            ));
        }
        if let Err(e) = self.widget.language.parse::<Language>() {
            return Err(invalid("widget.language", &self.widget.language, &e));
        }
        let t = self.widget.upstream_timeout_ms;
        if !(50..=10_000).contains(&t) {
            return Err(invalid(
                "widget.upstream_timeout_ms",
                &t.to_string(),
                "milliseconds from 50 to 10000",
            ));
        }
        let ev = &self.cart.external_update_event;
        if ev.is_empty() || ev.chars().any(char::is_whitespace) {
            return Err(invalid(
                "cart.external_update_event",
                ev,
                "an event name without spaces",
            ));
        }
        for (key, v) in [
            (
                "cart.cross_sell_debounce_ms",
                self.cart.cross_sell_debounce_ms,
            ),
            (
                "cart.cart_update_debounce_ms",
                self.cart.cart_update_debounce_ms,
            ),
        ] {
            if v > 10_000 {
                return Err(invalid(key, &v.to_string(), "milliseconds from 0 to 10000"));
            }
        }
        let l = &self.limits;
        if !(100..=600_000).contains(&l.request_timeout_ms) {
            return Err(invalid(
                "limits.request_timeout_ms",
                &l.request_timeout_ms.to_string(),
                "milliseconds from 100 to 600000",
            ));
        }
        if !(1024..=64 << 20).contains(&l.max_body_bytes) {
            return Err(invalid(
                "limits.max_body_bytes",
                &l.max_body_bytes.to_string(),
                "bytes from 1024 to 67108864",
            ));
        }
        Ok(())
    }
}

fn is_slug_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

fn origin_of(key: &str) -> String {
    match ENV_OVERRIDES.iter().find(|(k, _)| *k == key) {
        Some((_, var)) => format!("Leptos.toml or {var}"),
        None => "Leptos.toml".into(),
    }
}

fn parse(text: &str, origin: &str) -> Result<toml::Table, ConfigError> {
    text.parse::<toml::Table>()
        .map_err(|e| ConfigError::Syntax {
            origin: origin.into(),
            message: e.to_string(),
        })
}

/// Lays `over` onto `base`, refusing keys the defaults do not know and values of
/// another type than the default's.
fn merge(
    base: &mut toml::Table,
    over: toml::Table,
    origin: &str,
    prefix: &str,
    origins: &mut std::collections::BTreeMap<String, String>,
) -> Result<(), ConfigError> {
    for (k, v) in over {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => {
                merge(b, o, origin, &key, origins)?
            }
            (Some(old), new) if old.type_str() == new.type_str() => {
                *old = new;
                origins.insert(key, origin.to_string());
            }
            (Some(old), new) => {
                return Err(ConfigError::Invalid {
                    key,
                    origin: origin.into(),
                    value: new.to_string(),
                    expected: format!("a {}", old.type_str()),
                })
            }
            (None, _) => {
                return Err(ConfigError::Invalid {
                    key: key.clone(),
                    origin: origin.into(),
                    value: String::new(),
                    expected: "no such setting; see the keys in Leptos.toml".into(),
                })
            }
        }
    }
    Ok(())
}

/// Parses an environment string into the type of the key's default.
fn set_from_env(
    table: &mut toml::Table,
    key: &str,
    var: &str,
    raw: &str,
) -> Result<(), ConfigError> {
    let (section, name) = key.split_once('.').expect("keys are section.name");
    let slot = table
        .get_mut(section)
        .and_then(|s| s.as_table_mut())
        .and_then(|s| s.get_mut(name))
        .expect("every override names a default key");
    let invalid = |expected: &str| ConfigError::Invalid {
        key: key.into(),
        origin: var.into(),
        value: raw.into(),
        expected: expected.into(),
    };
    *slot = match slot {
        toml::Value::String(_) => toml::Value::String(raw.to_string()),
        toml::Value::Integer(_) => {
            toml::Value::Integer(raw.trim().parse().map_err(|_| invalid("a whole number"))?)
        }
        toml::Value::Boolean(_) => match raw.trim() {
            "true" | "1" => toml::Value::Boolean(true),
            "false" | "0" => toml::Value::Boolean(false),
            _ => return Err(invalid("true or false")),
        },
        other => unreachable!("no override for a {} setting", other.type_str()),
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn every_setting_has_its_environment_variable() {
        let defaults = parse(DEFAULTS, "defaults").unwrap();
        let keys: Vec<String> = defaults
            .iter()
            .flat_map(|(section, t)| {
                t.as_table()
                    .unwrap()
                    .keys()
                    .map(move |k| format!("{section}.{k}"))
            })
            .collect();
        let mut with_var: Vec<String> = ENV_OVERRIDES.iter().map(|(k, _)| k.to_string()).collect();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort();
        with_var.sort();
        assert_eq!(keys_sorted, with_var);
    }

    #[test]
    fn explained_settings_say_where_each_value_came_from_and_hide_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cartlift.toml");
        std::fs::write(&file, "[cart]\nenabled = false\n").unwrap();
        let (_, effective) = Settings::load_explained(
            Some(&file),
            env(&[
                ("CARTLIFT_DB", "postgres://shop:hunter2@db/cartlift"),
                ("CARTLIFT_WIDGET_TOKEN", "clw_secret"),
            ]),
        )
        .unwrap();
        let row = |key: &str| effective.iter().find(|e| e.key == key).unwrap().clone();
        assert_eq!(
            row("store.database_url").value,
            "postgres://shop:***@db/cartlift"
        );
        assert_eq!(row("store.database_url").origin, "CARTLIFT_DB");
        assert_eq!(row("widget.token").value, "***");
        assert_eq!(row("cart.enabled").value, "false");
        assert_eq!(row("cart.enabled").origin, file.display().to_string());
        assert_eq!(row("widget.shop").origin, "default");
        assert_eq!(row("widget.shop").value, "demo");
        assert_eq!(effective.len(), ENV_OVERRIDES.len());
        assert!(!format!("{effective:?}").contains("hunter2"));
    }

    #[test]
    fn defaults_load() {
        let s = Settings::load(Some(Path::new("Leptos.toml")), env(&[])).unwrap();
        assert_eq!(s.widget.shop, "demo");
        assert_eq!(s.cart.cross_sell_debounce_ms, 600);
        assert_eq!(s.cart.external_update_event, "neuroon:cart-update");
    }

    #[test]
    fn debug_shows_no_password_or_token() {
        let s = Settings::load(
            None,
            env(&[
                (
                    "CARTLIFT_DB",
                    "postgres://shop:s3cret@db.example:5432/cartlift",
                ),
                ("CARTLIFT_WIDGET_TOKEN", "clw_secret_token"),
            ]),
        )
        .unwrap();
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("clw_secret_token"),
            "{shown}"
        );
        assert!(
            shown.contains("postgres://shop:***@db.example:5432/cartlift"),
            "{shown}"
        );
        assert_eq!(
            masked_url("sqlite://data/cartlift.db"),
            "sqlite://data/cartlift.db"
        );
        assert_eq!(masked_url("postgres://shop@db/x"), "postgres://shop@db/x");
    }

    #[test]
    fn environment_overrides_each_type() {
        let s = Settings::load(
            None,
            env(&[
                ("CARTLIFT_LANGUAGE", "es"),
                ("CARTLIFT_CART_ENABLED", "false"),
                ("CARTLIFT_CROSS_SELL_DEBOUNCE_MS", "250"),
            ]),
        )
        .unwrap();
        assert_eq!(s.language(), Language::Es);
        assert!(!s.cart.enabled);
        assert_eq!(s.cart.cross_sell_debounce_ms, 250);
    }

    #[test]
    fn bad_environment_value_names_key_and_form() {
        let err =
            Settings::load(None, env(&[("CARTLIFT_CROSS_SELL_DEBOUNCE_MS", "soon")])).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("cart.cross_sell_debounce_ms"), "{msg}");
        assert!(msg.contains("CARTLIFT_CROSS_SELL_DEBOUNCE_MS"), "{msg}");
        assert!(msg.contains("whole number"), "{msg}");
    }

    #[test]
    fn out_of_range_and_unsupported_values_are_refused() {
        for (var, value, key) in [
            ("CARTLIFT_LANGUAGE", "fr", "widget.language"),
            (
                "CARTLIFT_UPSTREAM_TIMEOUT_MS",
                "5",
                "widget.upstream_timeout_ms",
            ),
            ("CARTLIFT_API_BASE_URL", "ftp://x", "widget.api_base_url"),
            ("CARTLIFT_DB", "mysql://x", "store.database_url"),
            ("CARTLIFT_SHOP", "My Shop", "widget.shop"),
        ] {
            let msg = Settings::load(None, env(&[(var, value)]))
                .unwrap_err()
                .to_string();
            assert!(msg.contains(key), "{var}={value}: {msg}");
            assert!(msg.contains("expected"), "{var}={value}: {msg}");
        }
    }

    #[test]
    fn file_with_unknown_key_or_wrong_type_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Leptos.toml");
        std::fs::write(&path, "[cart]\nenabeld = true\n").unwrap();
        let msg = Settings::load(Some(&path), env(&[]))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("cart.enabeld"), "{msg}");
        std::fs::write(&path, "[cart]\nenabled = \"yes\"\n").unwrap();
        let msg = Settings::load(Some(&path), env(&[]))
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("cart.enabled") && msg.contains("boolean"),
            "{msg}"
        );
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let err =
            Settings::load(Some(Path::new("/nonexistent/cartlift.toml")), env(&[])).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/cartlift.toml"));
    }
}
