//! The `aiReason` sentences, in the shopper's language.

use crate::catalog::Catalog;
use crate::rank::Because;
use crate::Language;

pub(crate) fn text(catalog: &Catalog, because: &Because, language: Language) -> String {
    match (because, language) {
        (Because::BoughtWith(p), Language::En) => {
            format!("Often bought with {}", catalog.get(*p).name)
        }
        (Because::BoughtWith(p), Language::Es) => {
            format!("Se compra a menudo con {}", catalog.get(*p).name)
        }
        (Because::GoesWith(p), Language::En) => format!("Goes well with {}", catalog.get(*p).name),
        (Because::GoesWith(p), Language::Es) => {
            format!("Combina bien con {}", catalog.get(*p).name)
        }
        (Because::Popular, Language::En) => "Popular in this shop".to_string(),
        (Because::Popular, Language::Es) => "De lo más vendido en la tienda".to_string(),
    }
}
