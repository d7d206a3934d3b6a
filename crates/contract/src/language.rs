use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language cartlift speaks: the widget's UI and the `aiReason` texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Es,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Es];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;

    /// Accepts a bare code or a locale ("es-ES"), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Ok(Language::En),
            "es" => Ok(Language::Es),
            _ => Err(format!(
                "unsupported language \"{s}\": expected one of en, es"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_locales() {
        assert_eq!("es-ES".parse::<Language>().unwrap(), Language::Es);
        assert_eq!("EN".parse::<Language>().unwrap(), Language::En);
        assert!("fr".parse::<Language>().unwrap_err().contains("en, es"));
    }
}
