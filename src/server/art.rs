//! Placeholder art for products without a photo: a calm tile in the colours of the
//! product's first category, with a simple motif and the product's name. Made on
//! the fly, no network, the same for a product every time.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::AppState;

/// (background, motif) colours per category.
fn palette(category: &str) -> (&'static str, &'static str) {
    const COLOURS: [(&str, &str); 8] = [
        ("#f3e9dc", "#c08552"),
        ("#e3efe8", "#2f6f5e"),
        ("#e8eaf4", "#4a5899"),
        ("#f6e4e4", "#b0494f"),
        ("#f2efdc", "#8a7a2c"),
        ("#e6f0f4", "#2f6f8a"),
        ("#efe6f2", "#7b4a8c"),
        ("#ebebe6", "#5f6675"),
    ];
    match category {
        "christmas" => ("#e9f1ea", "#b0343c"),
        "candles" | "lighting" => ("#fbf1de", "#c9812b"),
        "kitchen" => ("#e6f0f4", "#2f6f8a"),
        "bags" | "textiles" => ("#efe6f2", "#7b4a8c"),
        "garden" | "easter" => ("#e3efe8", "#2f6f5e"),
        _ => {
            COLOURS[category
                .bytes()
                .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
                as usize
                % COLOURS.len()]
        }
    }
}

fn motif(category: &str, ink: &str) -> String {
    match category {
        "christmas" => format!(
            r#"<path d="M160 62 L206 150 L182 150 L214 204 L106 204 L138 150 L114 150 Z" fill="{ink}" opacity=".85"/><rect x="150" y="204" width="20" height="18" fill="{ink}" opacity=".6"/>"#
        ),
        "candles" | "lighting" => format!(
            r#"<rect x="132" y="120" width="56" height="96" rx="8" fill="{ink}" opacity=".8"/><path d="M160 70 C178 92 176 108 160 114 C144 108 142 92 160 70 Z" fill="{ink}"/>"#
        ),
        "bags" | "textiles" => format!(
            r#"<path d="M136 110 C136 72 184 72 184 110" stroke="{ink}" stroke-width="10" fill="none"/><rect x="112" y="106" width="96" height="104" rx="12" fill="{ink}" opacity=".8"/>"#
        ),
        "kitchen" => format!(
            r#"<circle cx="160" cy="140" r="64" fill="none" stroke="{ink}" stroke-width="10"/><circle cx="160" cy="140" r="38" fill="{ink}" opacity=".7"/>"#
        ),
        _ => format!(
            r#"<rect x="110" y="92" width="100" height="100" rx="50" fill="{ink}" opacity=".75"/><rect x="140" y="122" width="40" height="40" rx="6" fill="white" opacity=".5"/>"#
        ),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The name on at most two lines of about 24 characters.
fn name_lines(name: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in name.split_whitespace() {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && line.len() + word.len() + 1 > 24 {
            if lines.len() == 2 {
                lines[1].push('…');
                break;
            }
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

pub fn svg(name: &str, category: &str) -> String {
    let (paper, ink) = palette(category);
    let text: String = name_lines(name)
        .iter()
        .enumerate()
        .map(|(i, l)| format!(r#"<text x="160" y="{}" text-anchor="middle" font-family="Georgia, serif" font-size="15" fill="{ink}">{}</text>"#, 258 + i * 20, escape(l)))
        .collect();
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 320" role="img" aria-label="{}"><rect width="320" height="320" fill="{paper}"/>{}{text}</svg>"#,
        escape(name),
        motif(category, ink)
    )
}

/// `GET /art/{product id}.svg`.
pub async fn product_art(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let id = file.strip_suffix(".svg").unwrap_or(&file);
    let found = async {
        let shop = state
            .store
            .shop_by_slug(&state.settings.widget.shop)
            .await
            .ok()??;
        let engine = state.engines.get(&state.store, &shop).await.ok()?;
        let engine = engine.read();
        let p = engine.stored(engine.find(id)?);
        Some(svg(
            &p.name,
            p.categories.first().map(String::as_str).unwrap_or(""),
        ))
    }
    .await;
    match found {
        Some(svg) => (
            [
                (header::CONTENT_TYPE, "image/svg+xml"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            svg,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such product").into_response(),
    }
}
