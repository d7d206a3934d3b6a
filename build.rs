//! Embeds the built site (`scripts/build` writes it to `target/site`: the browser
//! bundles, styles, public files and their precompressed variants) into the server
//! binary, so a deployment is one file. The list lands in `$OUT_DIR/site.rs`, which
//! only `src/main.rs` includes: tests that drive the router in-process do not carry
//! the bundles. Without a built site the list is empty and the server reads the site
//! folder from disk, as `cargo leptos watch` expects.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=LEPTOS_SITE_ROOT");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The browser bundle (wasm32) and builds without the server need no site: not
    // watching it there keeps a rebuilt site from recompiling the bundle.
    let server = std::env::var_os("CARGO_FEATURE_SSR").is_some()
        && std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32");
    let mut files = Vec::new();
    if server {
        let manifest =
            PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
        let root = manifest
            .join(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_string()));
        println!("cargo::rerun-if-changed={}", root.display());
        if root.is_dir() {
            collect(&root, &root, &mut files);
            files.sort();
        } else {
            println!(
                "cargo::warning=no site at {}: this binary will serve the site from disk (run scripts/build first to embed it)",
                root.display()
            );
        }
    }
    let mut code = String::from(
        "/// Every file of the built site: its path under the site root, its bytes.\n\
         pub static SITE_FILES: &[(&str, &[u8])] = &[\n",
    );
    for (name, path) in &files {
        code.push_str(&format!("    ({name:?}, include_bytes!({path:?})),\n"));
    }
    code.push_str("];\n");
    std::fs::write(out.join("site.rs"), code).expect("cannot write site.rs");
}

/// Files under `dir` as (path relative to `root` with `/`, absolute path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let name = path
                .strip_prefix(root)
                .expect("under the root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((name, path.display().to_string()));
        }
    }
}
