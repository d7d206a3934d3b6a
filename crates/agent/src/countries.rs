//! Country names as shoppers say them, in English and Spanish, to ISO-3166-1 alpha-2.
//!
//! The demo shop sells to ~37 countries; the table covers those, the whole EU, the
//! rest of Europe's usual destinations and the Americas, with the aliases people use
//! ("UK", "Holland", "EEUU") and the names the order data uses ("EIRE").

use crate::text::{fold, within_typos};

/// Each country's code and the names it goes by. Names are folded on look-up, so
/// they are written here as people write them.
const COUNTRIES: &[(&str, &[&str])] = &[
    // European Union
    ("AT", &["Austria"]),
    ("BE", &["Belgium", "Bélgica"]),
    ("BG", &["Bulgaria"]),
    ("HR", &["Croatia", "Croacia"]),
    ("CY", &["Cyprus", "Chipre"]),
    (
        "CZ",
        &["Czech Republic", "Czechia", "República Checa", "Chequia"],
    ),
    ("DK", &["Denmark", "Dinamarca"]),
    ("EE", &["Estonia"]),
    ("FI", &["Finland", "Finlandia"]),
    ("FR", &["France", "Francia"]),
    ("DE", &["Germany", "Alemania", "Deutschland"]),
    ("GR", &["Greece", "Grecia"]),
    ("HU", &["Hungary", "Hungría"]),
    ("IE", &["Ireland", "Republic of Ireland", "Eire", "Irlanda"]),
    ("IT", &["Italy", "Italia"]),
    ("LV", &["Latvia", "Letonia"]),
    ("LT", &["Lithuania", "Lituania"]),
    ("LU", &["Luxembourg", "Luxemburgo"]),
    ("MT", &["Malta"]),
    (
        "NL",
        &[
            "Netherlands",
            "The Netherlands",
            "Holland",
            "Países Bajos",
            "Holanda",
        ],
    ),
    ("PL", &["Poland", "Polonia"]),
    ("PT", &["Portugal"]),
    ("RO", &["Romania", "Rumanía", "Rumania"]),
    ("SK", &["Slovakia", "Eslovaquia"]),
    ("SI", &["Slovenia", "Eslovenia"]),
    ("ES", &["Spain", "España"]),
    ("SE", &["Sweden", "Suecia"]),
    // the rest of Europe
    (
        "GB",
        &[
            "United Kingdom",
            "UK",
            "U.K.",
            "Great Britain",
            "Britain",
            "England",
            "Scotland",
            "Wales",
            "Northern Ireland",
            "Reino Unido",
            "Gran Bretaña",
            "Inglaterra",
            "Escocia",
            "Gales",
            "Irlanda del Norte",
        ],
    ),
    ("NO", &["Norway", "Noruega"]),
    ("CH", &["Switzerland", "Suiza"]),
    ("IS", &["Iceland", "Islandia"]),
    ("LI", &["Liechtenstein"]),
    ("AD", &["Andorra"]),
    ("MC", &["Monaco", "Mónaco"]),
    ("JE", &["Jersey"]),
    ("GG", &["Guernsey"]),
    ("TR", &["Turkey", "Türkiye", "Turquía"]),
    ("UA", &["Ukraine", "Ucrania"]),
    // the Americas
    (
        "US",
        &[
            "United States",
            "United States of America",
            "USA",
            "U.S.A.",
            "US",
            "U.S.",
            "America",
            "Estados Unidos",
            "EEUU",
            "EE.UU.",
            "EE UU",
        ],
    ),
    ("CA", &["Canada", "Canadá"]),
    ("MX", &["Mexico", "México", "Méjico"]),
    ("BR", &["Brazil", "Brasil"]),
    ("AR", &["Argentina"]),
    ("CL", &["Chile"]),
    ("CO", &["Colombia"]),
    ("PE", &["Peru", "Perú"]),
    ("UY", &["Uruguay"]),
    ("PY", &["Paraguay"]),
    ("BO", &["Bolivia"]),
    ("EC", &["Ecuador"]),
    ("VE", &["Venezuela"]),
    ("CR", &["Costa Rica"]),
    ("PA", &["Panama", "Panamá"]),
    ("GT", &["Guatemala"]),
    ("DO", &["Dominican Republic", "República Dominicana"]),
    ("PR", &["Puerto Rico"]),
    // Asia, Oceania, Africa
    ("AU", &["Australia"]),
    ("NZ", &["New Zealand", "Nueva Zelanda"]),
    ("JP", &["Japan", "Japón"]),
    ("CN", &["China"]),
    ("HK", &["Hong Kong"]),
    ("SG", &["Singapore", "Singapur"]),
    ("KR", &["South Korea", "Korea", "Corea del Sur", "Corea"]),
    ("IN", &["India"]),
    ("IL", &["Israel"]),
    ("LB", &["Lebanon", "Líbano"]),
    (
        "AE",
        &[
            "United Arab Emirates",
            "UAE",
            "Emiratos Árabes Unidos",
            "Emiratos Árabes",
            "EAU",
        ],
    ),
    ("SA", &["Saudi Arabia", "Arabia Saudí", "Arabia Saudita"]),
    ("BH", &["Bahrain", "Baréin", "Bahréin"]),
    ("ZA", &["South Africa", "Sudáfrica"]),
    ("MA", &["Morocco", "Marruecos"]),
];

/// Cities that name one country beyond doubt, as a destination ("mándalo a Lisboa",
/// "my home is in Lisbon"): capitals and the best-known big cities, in both
/// languages. Names two countries share (Valencia, Córdoba, Santiago) are left out.
#[rustfmt::skip]
const CITIES: &[(&str, &[&str])] = &[
    ("GB", &["London", "Londres", "Manchester", "Edinburgh", "Edimburgo", "Glasgow", "Cardiff", "Belfast", "Liverpool", "Birmingham",
             "Leeds", "Bristol", "Sheffield", "Newcastle", "Nottingham", "Leicester", "Southampton", "Brighton", "Coventry",
             "Aberdeen", "Dundee", "Inverness", "Swansea", "Oxford", "Cambridge"]),
    ("IE", &["Dublin", "Dublín", "Cork", "Galway", "Limerick"]),
    ("FR", &["Paris", "París", "Lyon", "Marseille", "Marsella", "Nice", "Niza", "Bordeaux", "Burdeos", "Toulouse"]),
    ("DE", &["Berlin", "Berlín", "Munich", "Múnich", "Munchen", "Hamburg", "Hamburgo", "Frankfurt", "Fráncfort", "Cologne", "Colonia"]),
    ("NL", &["Amsterdam", "Ámsterdam", "Rotterdam", "Róterdam", "The Hague", "La Haya", "Utrecht"]),
    ("BE", &["Brussels", "Bruselas", "Antwerp", "Amberes", "Bruges", "Brujas", "Ghent", "Gante"]),
    ("PT", &["Lisbon", "Lisboa", "Porto", "Oporto"]),
    ("ES", &["Madrid", "Barcelona", "Sevilla", "Seville", "Bilbao", "Málaga", "Zaragoza", "Santa Cruz de Tenerife", "Tenerife",
             "Alicante", "Murcia", "Palma de Mallorca", "Mallorca", "Ibiza", "San Sebastián", "San Sebastian", "Vigo", "Gijón",
             "Gijon", "A Coruña", "La Coruña", "Pamplona", "Cádiz", "Cadiz", "Valladolid", "Gran Canaria"]),
    ("IT", &["Rome", "Roma", "Milan", "Milán", "Milano", "Naples", "Nápoles", "Florence", "Florencia", "Venice", "Venecia", "Turin", "Turín"]),
    ("AT", &["Vienna", "Viena", "Wien", "Salzburg", "Salzburgo"]),
    ("CH", &["Zurich", "Zúrich", "Geneva", "Ginebra", "Genève", "Bern", "Berna", "Basel", "Basilea"]),
    ("DK", &["Copenhagen", "Copenhague"]),
    ("SE", &["Stockholm", "Estocolmo", "Gothenburg", "Gotemburgo"]),
    ("NO", &["Oslo", "Bergen"]),
    ("FI", &["Helsinki"]),
    ("IS", &["Reykjavik", "Reikiavik"]),
    ("PL", &["Warsaw", "Varsovia", "Krakow", "Cracovia"]),
    ("CZ", &["Prague", "Praga"]),
    ("HU", &["Budapest"]),
    ("GR", &["Athens", "Atenas"]),
    ("US", &["New York", "Nueva York", "Los Angeles", "Los Ángeles", "Chicago", "San Francisco", "Miami", "Boston", "Seattle",
             "Texas", "Tejas", "California", "Florida", "Ohio", "Illinois", "Michigan", "Arizona", "Nevada", "Oregon", "Colorado",
             "Massachusetts", "Pennsylvania", "Pensilvania", "Virginia", "Minnesota", "Tennessee", "Kentucky", "Alabama", "Utah",
             "Brooklyn", "Manhattan", "Houston", "Dallas", "Atlanta", "Denver", "Philadelphia", "Filadelfia", "Las Vegas",
             "San Diego", "Nashville", "New Orleans", "Nueva Orleans", "Honolulu", "Hawaii", "Hawái"]),
    ("CA", &["Toronto", "Montreal", "Vancouver", "Ottawa", "Calgary", "Edmonton", "Winnipeg"]),
    ("MX", &["Mexico City", "Ciudad de México", "CDMX", "Guadalajara", "Monterrey", "Puebla", "Tijuana", "Cancún", "Cancun",
             "Querétaro", "Queretaro", "Oaxaca", "Acapulco"]),
    ("AR", &["Buenos Aires", "Rosario", "Mendoza", "Mar del Plata", "La Plata", "Bariloche", "Tucumán", "Tucuman"]),
    ("CL", &["Valparaíso", "Valparaiso", "Viña del Mar", "Antofagasta"]),
    ("UY", &["Montevideo"]),
    ("CO", &["Bogota", "Bogotá", "Medellin", "Medellín", "Cali", "Barranquilla", "Bucaramanga"]),
    ("PE", &["Lima", "Cusco", "Cuzco", "Arequipa"]),
    ("EC", &["Quito", "Guayaquil"]),
    ("VE", &["Caracas", "Maracaibo"]),
    ("BO", &["La Paz", "Sucre", "Santa Cruz", "Cochabamba"]),
    ("PY", &["Asunción", "Asuncion"]),
    ("AU", &["Sydney", "Sídney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Canberra", "Hobart"]),
    ("NZ", &["Auckland", "Wellington"]),
    ("JP", &["Tokyo", "Tokio", "Osaka", "Kyoto"]),
    ("IN", &["Mumbai", "Bombay", "New Delhi", "Nueva Delhi", "Delhi", "Bangalore", "Bengaluru", "Hyderabad", "Chennai",
             "Kolkata", "Calcuta", "Pune"]),
    ("ZA", &["Johannesburg", "Johannesburgo", "Joburg", "Cape Town", "Ciudad del Cabo", "Durban", "Pretoria"]),
    ("AE", &["Dubai", "Dubái", "Abu Dhabi"]),
];

/// The country of a city in [`CITIES`], by its folded name.
pub(crate) fn city_country(key: &str) -> Option<&'static str> {
    CITIES
        .iter()
        .find(|(_, cities)| cities.iter().any(|c| fold(c) == key))
        .map(|(code, _)| *code)
}

/// The code for a country name or a two-letter code, any case, with or without
/// accents: "Países Bajos" → `NL`, "uk" → `GB`, "fr" → `FR`. `None` for anything
/// else, including codes of countries the table does not know.
pub fn country_code(name: &str) -> Option<&'static str> {
    let key = fold(name).trim_start_matches("the ").to_string();
    if key.is_empty() {
        return None;
    }
    COUNTRIES
        .iter()
        .find(|(code, names)| {
            code.eq_ignore_ascii_case(&key) || names.iter().any(|n| fold(n) == key)
        })
        .map(|(code, _)| *code)
}

/// Lower-case words that are also two-letter codes in ordinary speech ("no", "es",
/// "de", "in", "it"): after "to"/"a" in an utterance a code only counts when typed in
/// capitals, unless it is one of these well-known aliases.
const LOWERCASE_ALIASES: &[&str] = &["uk", "us", "usa", "eeuu", "ee uu", "gb", "uae", "eau"];

/// Country look-up for words inside an utterance: `typed` is the original text (to
/// see capitals), `key` its folded words. Names may carry a slip ("frnace",
/// "alemnia") when exactly one country is that close.
pub(crate) fn country_in_utterance(typed: &str, key: &str) -> Option<&'static str> {
    let key = key.strip_prefix("the ").unwrap_or(key);
    if key.len() <= 2 {
        let shouted = typed
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        return if shouted || LOWERCASE_ALIASES.contains(&key) {
            country_code(key)
        } else {
            None
        };
    }
    if let Some(code) = country_code(key).or_else(|| city_country(key)) {
        return Some(code);
    }
    if key.len() < 4 {
        return None;
    }
    let mut close = COUNTRIES
        .iter()
        .filter(|(_, names)| {
            names
                .iter()
                .map(|n| fold(n))
                .any(|n| within_typos(key, &n, key.len().min(n.len())))
        })
        .map(|(code, _)| *code);
    match (close.next(), close.next()) {
        (Some(code), None) => Some(code),
        _ => None,
    }
}

/// Every code the table knows (for tests and for the settings page's validation).
pub fn known_codes() -> impl Iterator<Item = &'static str> {
    COUNTRIES.iter().map(|(code, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_spanish_names_with_and_without_accents() {
        assert_eq!(country_code("Spain"), Some("ES"));
        assert_eq!(country_code("España"), Some("ES"));
        assert_eq!(country_code("espana"), Some("ES"));
        assert_eq!(country_code("Países Bajos"), Some("NL"));
        assert_eq!(country_code("paises bajos"), Some("NL"));
        assert_eq!(country_code("Holland"), Some("NL"));
        assert_eq!(country_code("the Netherlands"), Some("NL"));
        assert_eq!(country_code("Alemania"), Some("DE"));
        assert_eq!(country_code("México"), Some("MX"));
        assert_eq!(country_code("Japón"), Some("JP"));
        assert_eq!(country_code("EIRE"), Some("IE"));
    }

    #[test]
    fn cities_that_name_one_country() {
        assert_eq!(country_in_utterance("Lisboa", "lisboa"), Some("PT"));
        assert_eq!(
            country_in_utterance("Buenos Aires", "buenos aires"),
            Some("AR")
        );
        assert_eq!(country_in_utterance("amsterdam", "amsterdam"), Some("NL"));
        assert_eq!(country_in_utterance("Leeds", "leeds"), Some("GB"));
        assert_eq!(country_in_utterance("Puebla", "puebla"), Some("MX"));
        assert_eq!(country_in_utterance("Brooklyn", "brooklyn"), Some("US"));
        assert_eq!(country_in_utterance("Cape Town", "cape town"), Some("ZA"));
        assert_eq!(country_in_utterance("Mumbai", "mumbai"), Some("IN"));
        assert_eq!(country_in_utterance("Valencia", "valencia"), None);
        // a city is a destination in a sentence, not a country name anywhere
        assert_eq!(country_code("Lisbon"), None);
    }

    #[test]
    fn aliases() {
        for gb in [
            "UK",
            "U.K.",
            "Britain",
            "Great Britain",
            "England",
            "Reino Unido",
            "Inglaterra",
        ] {
            assert_eq!(country_code(gb), Some("GB"), "{gb}");
        }
        for us in [
            "USA",
            "EEUU",
            "EE.UU.",
            "Estados Unidos",
            "United States of America",
        ] {
            assert_eq!(country_code(us), Some("US"), "{us}");
        }
    }

    #[test]
    fn two_letter_codes() {
        assert_eq!(country_code("fr"), Some("FR"));
        assert_eq!(country_code("DE"), Some("DE"));
        assert_eq!(country_code("zz"), None);
        assert_eq!(country_code("Narnia"), None);
        assert_eq!(country_code(""), None);
    }

    #[test]
    fn covers_the_destinations_the_brief_names() {
        let eu = [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
        ];
        let others = [
            "GB", "NO", "CH", "IS", "US", "CA", "AU", "JP", "MX", "BR", "AR", "CL", "CO", "PE",
        ];
        let known: Vec<&str> = known_codes().collect();
        for code in eu.iter().chain(others.iter()) {
            assert!(known.contains(code), "{code}");
        }
        let mut sorted = known.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), known.len(), "a code is listed twice");
    }

    #[test]
    fn inside_an_utterance_codes_need_capitals_and_names_may_carry_a_slip() {
        assert_eq!(country_in_utterance("no", "no"), None);
        assert_eq!(country_in_utterance("es", "es"), None);
        assert_eq!(country_in_utterance("ES", "es"), Some("ES"));
        assert_eq!(country_in_utterance("uk", "uk"), Some("GB"));
        assert_eq!(country_in_utterance("frnace", "frnace"), Some("FR"));
        assert_eq!(country_in_utterance("alemnia", "alemnia"), Some("DE"));
        assert_eq!(country_in_utterance("gratis", "gratis"), None);
    }
}
