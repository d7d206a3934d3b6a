//! The `aiReason` sentences, in the shopper's language.

use crate::catalog::Catalog;
use crate::product_rules::RuleKind;
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
        (Because::Rule { from, kind }, language) => {
            let name = &catalog.get(*from).name;
            match (kind, language) {
                (RuleKind::Accessories, Language::En) => format!("An accessory for {name}"),
                (RuleKind::Accessories, Language::Es) => format!("Un accesorio para {name}"),
                (RuleKind::Parts, Language::En) => format!("A part for {name}"),
                (RuleKind::Parts, Language::Es) => format!("Un repuesto para {name}"),
                (RuleKind::Options, Language::En) => format!("An upgrade for {name}"),
                (RuleKind::Options, Language::Es) => format!("Una mejora para {name}"),
                (RuleKind::Related | RuleKind::Alternatives, Language::En) => {
                    format!("Goes with {name}")
                }
                (RuleKind::Related | RuleKind::Alternatives, Language::Es) => {
                    format!("Va con {name}")
                }
            }
        }
    }
}
