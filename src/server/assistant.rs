//! One turn of the search conversation: what the shopper typed, understood by the
//! agent, answered with the shop's search index and recommender, and at most one
//! cart action for the widget to confirm. Pure: the HTTP handler loads the
//! conversation and logs the turn around it.

use cartlift_agent::{Action, CartLine, Intent, Lang, Memory};
use cartlift_contract::{
    AvailableFilters, CartAction, CartActionProduct, CartActionType, CartSnapshot, FacetCount,
    Language, PriceRange, QuerySuggestion, QuickReply,
};
use cartlift_engine::ProductIdx;
use cartlift_search::{Filters, SearchOutcome, SearchQuery};

use super::shops::ShopEngine;
use crate::i18n::country_name;
use crate::money::format_money;

/// What the shopper asked this turn.
pub struct Turn<'a> {
    pub text: &'a str,
    /// The language the widget asked for; absent, the agent detects it.
    pub language: Option<Language>,
    pub filters: &'a Filters,
    pub offset: usize,
    pub limit: usize,
    /// The host cart, when the widget sent one.
    pub cart: Option<&'a CartSnapshot>,
    pub memory: Memory,
}

/// The answer to a turn.
pub struct Answer {
    pub language: Language,
    /// A stable name of what was understood: search, complement, add, remove,
    /// update_quantity, clear, ship_to.
    pub intent: &'static str,
    pub results: Vec<(ProductIdx, f32)>,
    pub total: u64,
    pub available_filters: Option<AvailableFilters>,
    pub query_suggestions: Vec<QuerySuggestion>,
    pub ai_response: String,
    pub cart_action: Option<CartAction>,
    pub quick_replies: Vec<QuickReply>,
    /// What the conversation remembers after this turn.
    pub memory: Memory,
}

fn lang(l: Language) -> Lang {
    match l {
        Language::En => Lang::En,
        Language::Es => Lang::Es,
    }
}

fn language(l: Lang) -> Language {
    match l {
        Lang::En => Language::En,
        Lang::Es => Language::Es,
    }
}

/// Says the same thing in the turn's language.
fn say(l: Language, en: String, es: String) -> String {
    match l {
        Language::En => en,
        Language::Es => es,
    }
}

/// The query as logged and echoed: trimmed, single spaces, lower case.
pub fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn answer(engine: &ShopEngine, turn: &Turn) -> Result<Answer, cartlift_search::Error> {
    let understood = cartlift_agent::understand(turn.text, turn.language.map(lang));
    let l = turn.language.unwrap_or(language(understood.language));
    let cart = turn.cart.filter(|c| !c.items.is_empty());
    let mut a = Answer {
        language: l,
        intent: "search",
        results: Vec::new(),
        total: 0,
        available_filters: None,
        query_suggestions: Vec::new(),
        ai_response: String::new(),
        cart_action: None,
        quick_replies: Vec::new(),
        memory: turn.memory.clone(),
    };
    // Line names with the shop's own words spelled out ("HOTTIE": hot water bottle).
    let names: Vec<String> = cart
        .map(|c| {
            c.items
                .iter()
                .map(|i| engine.words.spell_out(&i.name))
                .collect()
        })
        .unwrap_or_default();
    let snapshot_lines: Vec<CartLine> = cart
        .map(|c| {
            c.items
                .iter()
                .zip(&names)
                .map(|(i, name)| CartLine {
                    key: &i.key,
                    name,
                    quantity: i.quantity,
                })
                .collect()
        })
        .unwrap_or_default();
    match cartlift_agent::decide(&understood, &snapshot_lines, &turn.memory, &engine.words) {
        Action::Search { terms }
            if cart.is_some() && cartlift_agent::asks_for_complement(turn.text) =>
        {
            complement(engine, turn, cart.expect("checked"), &mut a);
            if a.results.is_empty() {
                search(engine, turn, &terms, &mut a)?;
            }
        }
        Action::Search { terms } => {
            search(engine, turn, &terms, &mut a)?;
            if let Some(cart) = cart {
                propose_complement(engine, cart, &mut a);
            }
        }
        Action::Add { terms, quantity } => {
            a.intent = "add";
            search(engine, turn, &terms, &mut a)?;
            let first_in_stock = a
                .results
                .iter()
                .map(|(i, _)| *i)
                .find(|i| engine.product_dto(*i).in_stock);
            match first_in_stock {
                Some(idx) => {
                    let name = engine.stored(idx).name.clone();
                    let price = price_text(engine, idx);
                    let prompt = match quantity {
                        1 => say(
                            l,
                            format!("Add {name} ({price}) to your cart?"),
                            format!("¿Añado {name} ({price}) a tu carrito?"),
                        ),
                        n => say(
                            l,
                            format!("Add {n} × {name} ({price} each) to your cart?"),
                            format!("¿Añado {n} × {name} ({price} cada uno) a tu carrito?"),
                        ),
                    };
                    a.ai_response = say(
                        l,
                        format!("I found {name}."),
                        format!("He encontrado {name}."),
                    );
                    a.cart_action = Some(add_suggestion(
                        engine,
                        idx,
                        (quantity > 1).then_some(quantity),
                        prompt,
                    ));
                }
                None if a.results.is_empty() => {}
                None => a.ai_response = say(
                    l,
                    "What you asked for is out of stock right now; here are the closest matches."
                        .into(),
                    "Lo que buscas está agotado ahora mismo; aquí tienes lo más parecido.".into(),
                ),
            }
        }
        Action::Remove { key } => {
            a.intent = "remove";
            let line = line(cart, &key);
            let prompt = say(
                l,
                format!("Remove {} from your cart?", line.name),
                format!("¿Quito {} de tu carrito?", line.name),
            );
            line_action(&mut a, line, CartActionType::Remove, None, prompt);
        }
        Action::UpdateQuantity { key, quantity } => {
            a.intent = "update_quantity";
            let line = line(cart, &key);
            if i64::from(quantity) > cartlift_store::MAX_LINE_QUANTITY {
                let max = cartlift_store::MAX_LINE_QUANTITY;
                a.ai_response = say(
                    l,
                    format!("A line can hold at most {max}."),
                    format!("Una línea admite como mucho {max}."),
                );
            } else {
                let prompt = say(
                    l,
                    format!("Change {} from {} to {quantity}?", line.name, line.quantity),
                    format!("¿Cambio {} de {} a {quantity}?", line.name, line.quantity),
                );
                line_action(
                    &mut a,
                    line,
                    CartActionType::UpdateQuantity,
                    Some(quantity),
                    prompt,
                );
            }
        }
        Action::Clear => {
            a.intent = "clear";
            let n = cart.map_or(0, |c| c.total_items);
            a.ai_response = say(
                l,
                "Shall I empty your cart?".into(),
                "¿Vacío tu carrito?".into(),
            );
            a.cart_action = Some(CartAction {
                confirmation_prompt: Some(say(
                    l,
                    format!("Remove all {n} items from your cart? This cannot be undone."),
                    format!("¿Quitar los {n} artículos de tu carrito? No se puede deshacer."),
                )),
                ..action(CartActionType::Clear)
            });
        }
        Action::ShipTo { country } => {
            a.intent = "ship_to";
            let name = country_name(l, &country);
            let shipped = turn
                .cart
                .and_then(|c| c.shipping.as_ref())
                .map(|s| &s.available_countries)
                .filter(|c| !c.is_empty());
            match shipped {
                Some(countries) if !countries.contains(&country) => {
                    let list = countries
                        .iter()
                        .map(|c| country_name(l, c))
                        .collect::<Vec<_>>()
                        .join(", ");
                    a.ai_response = say(
                        l,
                        format!("Sorry, this shop does not ship to {name}. It ships to {list}."),
                        format!("Lo siento, esta tienda no envía a {name}. Envía a {list}."),
                    );
                }
                _ => {
                    a.ai_response = say(
                        l,
                        format!("Done: your order will ship to {name}."),
                        format!("Hecho: tu pedido se enviará a {name}."),
                    );
                    a.memory.destination = Some(country.clone());
                    a.cart_action = Some(CartAction {
                        country_code: Some(country),
                        ..action(CartActionType::SetDestinationCountry)
                    });
                }
            }
        }
        Action::Clarify { candidates } => {
            a.intent = match &understood.intent {
                Intent::Remove { .. } => "remove",
                Intent::Clear => "clear",
                _ => "update_quantity",
            };
            clarify(&mut a, cart, &understood.intent, &candidates);
        }
    }
    if a.ai_response.is_empty() {
        a.ai_response = summary(l, turn.text, &a);
    }
    if cart.is_some() && a.cart_action.is_none() && a.intent == "search" {
        a.quick_replies.push(QuickReply {
            label: say(
                l,
                "What goes with my cart?".into(),
                "¿Qué combina con mi carrito?".into(),
            ),
            query: say(
                l,
                "what goes with my cart".into(),
                "qué combina con mi carrito".into(),
            ),
        });
    }
    Ok(a)
}

fn action(kind: CartActionType) -> CartAction {
    CartAction {
        kind,
        product_id: None,
        external_product_id: None,
        external_id: None,
        item_key: None,
        new_quantity: None,
        country_code: None,
        confirmation_prompt: None,
        product: None,
    }
}

fn price_text(engine: &ShopEngine, idx: ProductIdx) -> String {
    let p = engine.stored(idx);
    format_money(p.sale_price.unwrap_or(p.price), &p.currency)
}

fn add_suggestion(
    engine: &ShopEngine,
    idx: ProductIdx,
    quantity: Option<u32>,
    prompt: String,
) -> CartAction {
    let dto = engine.product_dto(idx);
    CartAction {
        product_id: Some(dto.id.clone()),
        external_product_id: dto.external_id.clone(),
        new_quantity: quantity,
        confirmation_prompt: Some(prompt),
        product: Some(CartActionProduct {
            id: dto.id,
            name: dto.name,
            price: dto.price,
            sale_price: dto.sale_price,
            currency: dto.currency,
            image_url: Some(crate::money::image_or_art(
                dto.image_url.as_deref(),
                &engine.stored(idx).id,
            )),
            url: dto.url,
            external_id: dto.external_id,
        }),
        ..action(CartActionType::AddSuggestion)
    }
}

/// The catalog search, with Spanish words put into the catalog's.
fn search(
    engine: &ShopEngine,
    turn: &Turn,
    terms: &str,
    a: &mut Answer,
) -> Result<(), cartlift_search::Error> {
    let text = cartlift_agent::catalog_words(terms, lang(a.language));
    let outcome = engine.search.search(&SearchQuery {
        text: &text,
        filters: turn.filters,
        offset: turn.offset,
        limit: turn.limit,
    })?;
    let SearchOutcome {
        hits,
        total,
        categories,
        price_range,
        in_stock,
        partial,
        unknown_words,
    } = outcome;
    a.results = hits.iter().map(|h| (ProductIdx(h.key), h.score)).collect();
    a.total = total as u64;
    if total > 0 || !categories.is_empty() {
        a.available_filters = Some(AvailableFilters {
            categories: categories
                .into_iter()
                .map(|(value, count)| FacetCount {
                    value,
                    count: count as u64,
                })
                .collect(),
            price_range: price_range.map(|(min, max)| PriceRange { min, max }),
            in_stock_count: in_stock as u64,
        });
    }
    // Refinements: longer phrases of the catalog starting like the query.
    let known: Vec<&str> = text
        .split_whitespace()
        .filter(|w| {
            !unknown_words
                .iter()
                .any(|u| w.to_lowercase().starts_with(u.as_str()))
        })
        .collect();
    let stem = known.join(" ").to_lowercase();
    if !stem.is_empty() {
        for c in engine.search.autocomplete(&stem, 8) {
            if c.kind == cartlift_search::CompletionKind::Query
                && c.text != stem
                && a.query_suggestions.len() < 4
            {
                a.query_suggestions.push(QuerySuggestion {
                    query: c.text,
                    count: Some(u64::from(c.count)),
                });
            }
        }
    }
    if total == 0 {
        a.ai_response = say(
            a.language,
            format!("Nothing in the shop matches \"{}\". Try another word, or fewer words.", turn.text.trim()),
            format!("Nada en la tienda coincide con \"{}\". Prueba con otra palabra, o con menos palabras.", turn.text.trim()),
        );
    } else if partial {
        a.ai_response = say(
            a.language,
            format!(
                "Nothing matches every word of \"{}\"; these come closest.",
                turn.text.trim()
            ),
            format!(
                "Nada coincide con todas las palabras de \"{}\"; esto es lo más parecido.",
                turn.text.trim()
            ),
        );
    }
    Ok(())
}

fn summary(l: Language, text: &str, a: &Answer) -> String {
    match a.total {
        0 => String::new(),
        1 => say(
            l,
            format!("1 product for \"{}\".", text.trim()),
            format!("1 producto para \"{}\".", text.trim()),
        ),
        n => say(
            l,
            format!("{n} products for \"{}\".", text.trim()),
            format!("{n} productos para \"{}\".", text.trim()),
        ),
    }
}

fn cart_ids(cart: &CartSnapshot) -> Vec<String> {
    cart.items.iter().map(|i| i.id.clone()).collect()
}

/// "What goes with my cart?": the recommender's answer, its best as the proposal.
fn complement(engine: &ShopEngine, turn: &Turn, cart: &CartSnapshot, a: &mut Answer) {
    a.intent = "complement";
    let suggestions = engine.cross_sell(&cart_ids(cart), &[], turn.limit.max(1));
    let Some(best) = suggestions.first() else {
        return;
    };
    a.total = suggestions.len() as u64;
    a.results = suggestions
        .iter()
        .map(|s| (s.product, s.score as f32))
        .collect();
    let reason = engine.recommender.reason(&best.because, a.language);
    let name = engine.stored(best.product).name.clone();
    let price = price_text(engine, best.product);
    a.ai_response = say(
        a.language,
        "These go well with your cart.".into(),
        "Esto combina bien con tu carrito.".into(),
    );
    let prompt = say(
        a.language,
        format!("{reason}. Add {name} ({price})?"),
        format!("{reason}. ¿Añado {name} ({price})?"),
    );
    a.cart_action = Some(add_suggestion(engine, best.product, None, prompt));
}

/// A search while the cart has items: when one of the first results is often
/// bought with the cart, offer it (the shopper still confirms).
fn propose_complement(engine: &ShopEngine, cart: &CartSnapshot, a: &mut Answer) {
    if a.results.is_empty() {
        return;
    }
    let in_cart = cart_ids(cart);
    let suggestions = engine.cross_sell(&in_cart, &[], 100);
    let top: Vec<ProductIdx> = a.results.iter().take(5).map(|(i, _)| *i).collect();
    let Some(s) = suggestions.iter().find(|s| {
        top.contains(&s.product) && matches!(s.because, cartlift_engine::Because::BoughtWith(_))
    }) else {
        return;
    };
    if !engine.product_dto(s.product).in_stock {
        return;
    }
    let reason = engine.recommender.reason(&s.because, a.language);
    let name = engine.stored(s.product).name.clone();
    let price = price_text(engine, s.product);
    let prompt = say(
        a.language,
        format!("{reason}. Add {name} ({price})?"),
        format!("{reason}. ¿Añado {name} ({price})?"),
    );
    a.cart_action = Some(add_suggestion(engine, s.product, None, prompt));
}

/// The snapshot line `decide` resolved (it only resolves lines of this cart).
fn line<'c>(cart: Option<&'c CartSnapshot>, key: &str) -> &'c cartlift_contract::CartSnapshotItem {
    cart.and_then(|c| c.items.iter().find(|i| i.key == key))
        .expect("the agent resolves lines of the snapshot it was given")
}

fn line_action(
    a: &mut Answer,
    line: &cartlift_contract::CartSnapshotItem,
    kind: CartActionType,
    quantity: Option<u32>,
    prompt: String,
) {
    a.ai_response = prompt.clone();
    a.memory.last_item_key = Some(line.key.clone());
    a.cart_action = Some(CartAction {
        product_id: Some(line.id.clone()),
        external_product_id: line.external_id.clone(),
        item_key: Some(line.key.clone()),
        new_quantity: quantity,
        confirmation_prompt: Some(prompt),
        ..action(kind)
    });
}

/// A cart change the agent could not pin down: ask, never guess.
fn clarify(a: &mut Answer, cart: Option<&CartSnapshot>, intent: &Intent, candidates: &[String]) {
    let l = a.language;
    let Some(cart) = cart else {
        a.ai_response = match intent {
            Intent::Clear => say(
                l,
                "Your cart is already empty.".into(),
                "Tu carrito ya está vacío.".into(),
            ),
            _ => say(
                l,
                "Your cart is empty, so there is nothing to change.".into(),
                "Tu carrito está vacío: no hay nada que cambiar.".into(),
            ),
        };
        return;
    };
    let names: Vec<&str> = candidates
        .iter()
        .filter_map(|k| cart.items.iter().find(|i| &i.key == k))
        .map(|i| i.name.as_str())
        .collect();
    if !names.is_empty() {
        a.ai_response = say(
            l,
            format!("Which one do you mean: {}?", names.join(" or ")),
            format!("¿Cuál quieres decir: {}?", names.join(" o ")),
        );
        let lines = candidates
            .iter()
            .filter_map(|k| cart.items.iter().find(|i| &i.key == k));
        for (n, line) in names.iter().zip(lines).take(4) {
            let name = n.to_lowercase();
            let query = match intent {
                // "double the bags": each bag line's own new quantity
                Intent::Scale { by, parts, .. } => {
                    let to = (line.quantity * by).div_ceil((*parts).max(1)).max(1);
                    say(
                        l,
                        format!("change {name} to {to}"),
                        format!("cambia {name} a {to}"),
                    )
                }
                Intent::UpdateQuantity { quantity, .. } | Intent::Want { quantity, .. } => say(
                    l,
                    format!("change {name} to {quantity}"),
                    format!("cambia {name} a {quantity}"),
                ),
                Intent::ChangeBy { delta, .. } if *delta > 0 => say(
                    l,
                    format!("{delta} more {name}"),
                    format!("{delta} más de {name}"),
                ),
                Intent::ChangeBy { delta, .. } => say(
                    l,
                    format!("{} less {name}", delta.unsigned_abs()),
                    format!("{} menos de {name}", delta.unsigned_abs()),
                ),
                _ => say(l, format!("remove {name}"), format!("quita {name}")),
            };
            a.quick_replies.push(QuickReply {
                label: n.to_string(),
                query,
            });
        }
        return;
    }
    let held = cart
        .items
        .iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let target = match intent {
        Intent::Remove { target } if !target.is_empty() => Some(target.as_str()),
        Intent::UpdateQuantity {
            target: Some(t), ..
        }
        | Intent::ChangeBy {
            target: Some(t), ..
        }
        | Intent::Scale {
            target: Some(t), ..
        } => Some(t.as_str()),
        Intent::Want { terms, .. } => Some(terms.as_str()),
        _ => None,
    };
    a.ai_response = match target {
        Some(t) => say(
            l,
            format!("I can't find \"{t}\" in your cart. It holds: {held}."),
            format!("No encuentro \"{t}\" en tu carrito. Contiene: {held}."),
        ),
        None => say(
            l,
            format!("Which item do you mean? Your cart holds: {held}."),
            format!("¿Qué artículo quieres decir? Tu carrito contiene: {held}."),
        ),
    };
}
