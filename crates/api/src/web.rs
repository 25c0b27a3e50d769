//! The web app, embedded in the binary from `web/dist`. Hashed assets are
//! cached forever; `index.html` never, so an update reaches users at once.

use axum::{
    body::Body,
    http::{HeaderValue, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../../web/dist"]
#[allow_missing = true]
struct WebAssets;

const NOT_BUILT: &str = "<!doctype html><html lang=\"fa\" dir=\"rtl\"><meta charset=\"utf-8\"><title>همیار</title>\
<body style=\"font-family:sans-serif;padding:2rem\"><h1>همیار</h1><p>برنامهٔ وب ساخته نشده است. \
<code>npm --prefix web ci && npm --prefix web run build</code> را اجرا کنید و دوباره بسازید.</p>\
<p lang=\"en\" dir=\"ltr\">The web app was not built into this binary. Run <code>npm --prefix web ci && npm --prefix web run build</code> and rebuild.</p>";

fn asset(path: &str, cache: &'static str) -> Option<Response> {
    let file = WebAssets::get(path)?;
    let mime = file.metadata.mimetype().to_owned();
    let mut response = Response::new(Body::from(file.data.into_owned()));
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Some(response)
}

/// Serves a file of the web app, or `index.html` for the app's own routes.
pub async fn serve(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if !path.is_empty() && path != "index.html" {
        let cache = if path.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
        if let Some(response) = asset(path, cache) {
            return response;
        }
        // A missing file with an extension is a real 404, not an app route.
        if path.rsplit('/').next().is_some_and(|last| last.contains('.')) {
            return StatusCode::NOT_FOUND.into_response();
        }
    }
    asset("index.html", "no-cache")
        .unwrap_or_else(|| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], NOT_BUILT).into_response())
}
