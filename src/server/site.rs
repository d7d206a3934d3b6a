//! The site's static files (browser bundles, styles, scripts, icons), from the
//! binary itself or from a folder on disk, served with what a browser and a proxy
//! need: the right content type, the gzip or brotli variant the browser accepts, and
//! caching that never serves a stale bundle.
//!
//! Every file is served under two names: its own (`/pkg/cartlift.wasm`, re-checked
//! on each use: `no-cache` with an ETag) and a versioned one carrying a hash of the
//! whole site (`/pkg/cartlift.3f2a….wasm`, cached for a year as `immutable`). The
//! pages link the versioned names; an embedding shop's `/widget.js` keeps its name.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::Path;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use parking_lot::RwLock;

/// The version the pages link, once a site is served (see [`url`]).
static VERSION: RwLock<Option<String>> = RwLock::new(None);

/// The URL the pages use for a site file: `/admin.css` becomes
/// `/admin.<version>.css` when a site is served, and stays as it is otherwise.
pub fn url(path: &str) -> String {
    match VERSION.read().as_deref() {
        Some(v) => versioned(path, v),
        None => path.to_string(),
    }
}

/// `dir/name.ext` → `dir/name.<version>.ext` (a name without a dot gets it at the end).
fn versioned(path: &str, version: &str) -> String {
    let start = path.rfind('/').map_or(0, |i| i + 1);
    match path[start..].rfind('.') {
        Some(dot) => format!("{}.{version}{}", &path[..start + dot], &path[start + dot..]),
        None => format!("{path}.{version}"),
    }
}

/// One file with its precompressed variants, when the build made them.
struct SiteFile {
    body: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
    content_type: &'static str,
}

/// The files of a built site, by path under the site root.
pub struct Site {
    files: HashMap<String, SiteFile>,
    version: String,
    origin: String,
}

impl Site {
    /// The site compiled into the binary (see `build.rs`).
    pub fn embedded(files: &'static [(&'static str, &'static [u8])]) -> Site {
        Site::new(
            files
                .iter()
                .map(|(name, bytes)| (name.to_string(), Bytes::from_static(bytes))),
            "compiled into the binary".to_string(),
        )
    }

    /// The site a build left in `dir` (read once, at start).
    pub fn from_dir(dir: &Path) -> std::io::Result<Site> {
        let mut files = Vec::new();
        read_dir(dir, dir, &mut files)?;
        Ok(Site::new(files, dir.display().to_string()))
    }

    fn new(files: impl IntoIterator<Item = (String, Bytes)>, origin: String) -> Site {
        let all: HashMap<String, Bytes> = files.into_iter().collect();
        let mut names: Vec<&String> = all
            .keys()
            .filter(|n| !is_variant(n, &all))
            .collect::<Vec<_>>();
        names.sort();
        // A hash of every file's name and bytes: any change to the site changes
        // every versioned name, so a browser never mixes two builds.
        let mut hash = std::collections::hash_map::DefaultHasher::new();
        for name in &names {
            hash.write(name.as_bytes());
            hash.write(&all[*name]);
        }
        let version = format!("{:016x}", hash.finish());
        let files = names
            .into_iter()
            .map(|name| {
                let file = SiteFile {
                    body: all[name].clone(),
                    gzip: all.get(&format!("{name}.gz")).cloned(),
                    brotli: all.get(&format!("{name}.br")).cloned(),
                    content_type: content_type(name),
                };
                (name.clone(), file)
            })
            .collect();
        Site {
            files,
            version,
            origin,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Where the files came from, for the log.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// Makes the pages link this site's versioned names.
    pub fn publish(&self) {
        *VERSION.write() = Some(self.version.clone());
    }

    /// The response for `path` (as requested, with its leading `/`), or `None` when
    /// the site has no such file (the app then answers, with its 404 page).
    pub fn respond(&self, method: &Method, path: &str, headers: &HeaderMap) -> Option<Response> {
        if method != Method::GET && method != Method::HEAD {
            return None;
        }
        let path = path.strip_prefix('/')?;
        let (file, immutable) = match self.files.get(path) {
            Some(f) => (f, false),
            None => (self.files.get(&self.unversioned(path)?)?, true),
        };
        let accepted = accepted_encodings(headers);
        let (body, encoding) = match (&file.brotli, &file.gzip) {
            (Some(br), _) if accepted.brotli => (br.clone(), Some("br")),
            (_, Some(gz)) if accepted.gzip => (gz.clone(), Some("gzip")),
            _ => (file.body.clone(), None),
        };
        let etag = format!("\"{}-{}\"", self.version, encoding.unwrap_or("identity"));
        let mut res = Response::builder()
            .header(header::CONTENT_TYPE, file.content_type)
            .header(header::ETAG, &etag)
            .header(
                header::CACHE_CONTROL,
                if immutable {
                    "public, max-age=31536000, immutable"
                } else {
                    "no-cache"
                },
            );
        if file.gzip.is_some() || file.brotli.is_some() {
            res = res.header(header::VARY, "accept-encoding");
        }
        if let Some(e) = encoding {
            res = res.header(header::CONTENT_ENCODING, e);
        }
        let fresh = headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim() == etag || t.trim() == "*");
        let res = if fresh {
            res.status(StatusCode::NOT_MODIFIED).body(Body::empty())
        } else {
            res.header(header::CONTENT_LENGTH, HeaderValue::from(body.len()))
                .body(if method == Method::HEAD {
                    Body::empty()
                } else {
                    Body::from(body)
                })
        };
        Some(res.expect("valid headers"))
    }

    /// `pkg/cartlift.<version>.wasm` → `pkg/cartlift.wasm` for this site's version
    /// only: an old page's names are not found rather than answered with new bytes.
    fn unversioned(&self, path: &str) -> Option<String> {
        let marker = format!(".{}", self.version);
        let at = path.rfind(&marker)?;
        let rest = &path[at + marker.len()..];
        (rest.is_empty() || rest.starts_with('.')).then(|| format!("{}{rest}", &path[..at]))
    }
}

/// `x.gz` / `x.br` beside `x`: a variant of `x`, not a file of its own.
fn is_variant(name: &str, all: &HashMap<String, Bytes>) -> bool {
    [".gz", ".br"].iter().any(|ext| {
        name.strip_suffix(ext)
            .is_some_and(|original| all.contains_key(original))
    })
}

fn read_dir(root: &Path, dir: &Path, files: &mut Vec<(String, Bytes)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            read_dir(root, &path, files)?;
        } else {
            let name = path
                .strip_prefix(root)
                .expect("under the root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((name, Bytes::from(std::fs::read(&path)?)));
        }
    }
    Ok(())
}

#[derive(Default)]
struct Accepted {
    gzip: bool,
    brotli: bool,
}

/// What `Accept-Encoding` allows (a coding with `q=0` is refused).
fn accepted_encodings(headers: &HeaderMap) -> Accepted {
    let mut accepted = Accepted::default();
    for item in headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut parts = item.split(';').map(str::trim);
        let coding = parts.next().unwrap_or_default().to_ascii_lowercase();
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        match coding.as_str() {
            "br" => accepted.brotli = !refused,
            "gzip" | "x-gzip" => accepted.gzip = !refused,
            _ => {}
        }
    }
    accepted
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "wasm" => "application/wasm",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        site_with("wasm bytes")
    }

    fn site_with(wasm: &'static str) -> Site {
        Site::new(
            [
                ("pkg/app.wasm", wasm),
                ("pkg/app.wasm.gz", "gz bytes"),
                ("pkg/app.wasm.br", "br bytes"),
                ("admin.css", "css"),
                ("notes.gz", "a gzip file of its own"),
            ]
            .map(|(n, b)| (n.to_string(), Bytes::from(b))),
            "test".into(),
        )
    }

    fn get(site: &Site, path: &str, accept: &str) -> Response {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        site.respond(&Method::GET, path, &h).expect("found")
    }

    fn header(res: &Response, name: header::HeaderName) -> &str {
        res.headers().get(name).map_or("", |v| v.to_str().unwrap())
    }

    #[test]
    fn versioned_names_insert_the_version_before_the_extension() {
        assert_eq!(
            versioned("/pkg/cartlift.wasm", "abc"),
            "/pkg/cartlift.abc.wasm"
        );
        assert_eq!(versioned("/a.b/file", "abc"), "/a.b/file.abc");
        assert_eq!(versioned("/widget.js", "v1"), "/widget.v1.js");
    }

    #[test]
    fn the_best_accepted_variant_is_served_with_its_type() {
        let s = site();
        let br = get(&s, "/pkg/app.wasm", "gzip, deflate, br");
        assert_eq!(header(&br, header::CONTENT_ENCODING), "br");
        assert_eq!(header(&br, header::CONTENT_TYPE), "application/wasm");
        assert_eq!(header(&br, header::VARY), "accept-encoding");
        let gz = get(&s, "/pkg/app.wasm", "gzip, br;q=0");
        assert_eq!(header(&gz, header::CONTENT_ENCODING), "gzip");
        let plain = get(&s, "/pkg/app.wasm", "identity");
        assert_eq!(header(&plain, header::CONTENT_ENCODING), "");
        assert_eq!(header(&plain, header::CONTENT_LENGTH), "10");
        // A .gz without an original is a file like any other.
        assert_eq!(
            header(&get(&s, "/notes.gz", "gzip"), header::CONTENT_LENGTH),
            "22"
        );
    }

    #[test]
    fn versioned_names_are_immutable_and_old_versions_are_not_found() {
        let s = site();
        let name = versioned("/pkg/app.wasm", s.version());
        let res = get(&s, &name, "");
        assert_eq!(
            header(&res, header::CACHE_CONTROL),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            header(&get(&s, "/pkg/app.wasm", ""), header::CACHE_CONTROL),
            "no-cache"
        );
        assert!(s
            .respond(
                &Method::GET,
                "/pkg/app.0000000000000000.wasm",
                &HeaderMap::new()
            )
            .is_none());
        assert!(s
            .respond(&Method::POST, "/admin.css", &HeaderMap::new())
            .is_none());
        assert!(s
            .respond(&Method::GET, "/missing.css", &HeaderMap::new())
            .is_none());
    }

    #[test]
    fn a_matching_etag_is_answered_not_modified() {
        let s = site();
        let etag = header(&get(&s, "/admin.css", ""), header::ETAG).to_string();
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&etag).unwrap());
        let res = s.respond(&Method::GET, "/admin.css", &h).unwrap();
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    }

    #[test]
    fn the_version_changes_with_any_byte() {
        assert_eq!(site().version(), site().version());
        assert_ne!(site().version(), site_with("wasm bytez").version());
    }
}
