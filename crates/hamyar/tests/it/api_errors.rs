//! Bad input gets a clear error in the one shape; never a crash.

use crate::{
    on_both_backends,
    support::{Backend, Env},
};
use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use serde_json::json;

on_both_backends!(
    oversized_body_is_refused_in_the_error_shape,
    malformed_json_and_wrong_content_type_are_explained,
    field_errors_name_the_field,
    duplicates_and_stale_versions_conflict,
    unknown_api_paths_and_methods_answer_json,
    health_openapi_and_web_app_are_served,
);

async fn oversized_body_is_refused_in_the_error_shape(backend: Backend) {
    let env = Env::new(backend).await;
    let huge = format!("{{\"username\":\"{}\",\"password\":\"x\"}}", "a".repeat(2 * 1024 * 1024));
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(huge))
        .unwrap();
    let r = env.raw(request, "10.0.0.2").await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.code(), "payload_too_large");
    assert!(r.body["error"]["message"].as_str().unwrap().contains("too large"));
    env.finish().await;
}

async fn malformed_json_and_wrong_content_type_are_explained(backend: Backend) {
    let env = Env::new(backend).await;
    let broken = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"username\": \"ali\", "))
        .unwrap();
    let r = env.raw(broken, "10.0.0.3").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.code(), "malformed_json");

    let missing = env.send(Method::POST, "/api/v1/auth/login", None, Some(json!({ "username": "ali" }))).await;
    assert_eq!(missing.code(), "malformed_json");
    assert_eq!(missing.body["error"]["field"], "password");

    let form = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("username=ali&password=x"))
        .unwrap();
    let r = env.raw(form, "10.0.0.3").await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(r.code(), "unsupported_media_type");
    env.finish().await;
}

async fn field_errors_name_the_field(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let admin = env.login("admin").await;
    let bad_code =
        env.post("/api/v1/centers", &admin, json!({ "code": "مرکز", "name": "x", "host_body": "mosque" })).await;
    assert_eq!(bad_code.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_code.code(), "validation");
    assert_eq!(bad_code.body["error"]["field"], "code");
    assert_eq!(bad_code.body["error"]["reason"], "format");
    let bad_date = env
        .post(
            "/api/v1/centers",
            &admin,
            json!({ "code": "c-9", "name": "x", "host_body": "mosque", "opened_on": "1403/12/30" }),
        )
        .await;
    assert_eq!(bad_date.body["error"]["field"], "opened_on");
    let bad_body =
        env.post("/api/v1/centers", &admin, json!({ "code": "c-9", "name": " ", "host_body": "mosque" })).await;
    assert_eq!(bad_body.body["error"]["field"], "name");
    let bad_host =
        env.post("/api/v1/centers", &admin, json!({ "code": "c-9", "name": "x", "host_body": "bank" })).await;
    assert_eq!(bad_host.body["error"]["field"], "host_body");
    let bad_role = env
        .post(
            "/api/v1/users",
            &admin,
            json!({ "username": "u.x", "display_name": "x", "role": "king", "password": "long enough pass" }),
        )
        .await;
    assert_eq!(bad_role.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_role.code(), "malformed_json");
    env.finish().await;
}

async fn duplicates_and_stale_versions_conflict(backend: Backend) {
    let env = Env::new(backend).await;
    let world = env.world().await;
    let admin = env.login("admin").await;
    let dup =
        env.post("/api/v1/centers", &admin, json!({ "code": "CENTER-A", "name": "x", "host_body": "mosque" })).await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    assert_eq!(dup.code(), "duplicate_code");
    assert_eq!(dup.body["error"]["field"], "code");
    let dup_user = env
        .post(
            "/api/v1/users",
            &admin,
            json!({ "username": "helper.a", "display_name": "x", "role": "helper", "password": "long enough pass", "center_id": world.center_a.id }),
        )
        .await;
    assert_eq!(dup_user.code(), "duplicate_username");
    let path = format!("/api/v1/centers/{}", world.center_a.id);
    let first = env.patch(&path, &admin, json!({ "version": 1, "name": "مرکز الف نو" })).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body["version"], 2);
    let stale = env.patch(&path, &admin, json!({ "version": 1, "name": "دیگر" })).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.code(), "version_conflict");
    assert_eq!(env.get(&path, &admin).await.body["name"], "مرکز الف نو", "the stale edit changed nothing");
    env.finish().await;
}

async fn unknown_api_paths_and_methods_answer_json(backend: Backend) {
    let env = Env::new(backend).await;
    let r = env.send(Method::GET, "/api/v1/nothing-here", None, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.code(), "not_found");
    let r = env.send(Method::DELETE, "/api/v1/me", None, None).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.code(), "method_not_allowed");
    let r = env.send(Method::GET, "/api/v1/centers/not-a-uuid", None, None).await;
    assert!(r.status.is_client_error());
    env.finish().await;
}

async fn health_openapi_and_web_app_are_served(backend: Backend) {
    let env = Env::new(backend).await;
    let health = env.send(Method::GET, "/healthz", None, None).await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body["status"], "ok");
    let doc = env.send(Method::GET, "/api/openapi.json", None, None).await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc.body["paths"]["/api/v1/auth/login"]["post"].is_object());
    let page = env.raw(Request::builder().uri("/families/some-id").body(Body::empty()).unwrap(), "10.0.0.4").await;
    assert_eq!(page.status, StatusCode::OK, "app routes fall back to the web app");
    assert!(page.headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/html"));
    assert_eq!(page.headers.get("x-frame-options").unwrap(), "DENY");
    assert!(page.headers.get(header::CONTENT_SECURITY_POLICY).is_some());
    let missing_asset =
        env.raw(Request::builder().uri("/assets/nope.js").body(Body::empty()).unwrap(), "10.0.0.4").await;
    assert_eq!(missing_asset.status, StatusCode::NOT_FOUND);
    env.finish().await;
}
