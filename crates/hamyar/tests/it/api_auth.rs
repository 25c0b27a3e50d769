//! Logging in and out, sessions and their expiry, throttling, passwords.

use crate::{
    on_both_backends,
    support::{Backend, Env, PASSWORD},
};
use axum::http::{Method, StatusCode, header};
use chrono::Duration;
use serde_json::json;

on_both_backends!(
    login_sets_a_strict_http_only_session_cookie,
    wrong_password_and_unknown_user_get_the_same_answer,
    repeated_wrong_passwords_are_throttled_per_account,
    many_failures_from_one_address_are_throttled,
    idle_session_expires,
    session_expires_absolutely_even_when_used,
    logout_ends_the_session,
    password_change_ends_every_session_of_the_user,
    password_change_refuses_wrong_current_and_weak_new_password,
    disabled_account_cannot_log_in_and_its_sessions_end,
    requests_without_a_session_are_unauthenticated,
);

async fn login_sets_a_strict_http_only_session_cookie(backend: Backend) {
    let env = Env::new(backend).await;
    let world = env.world().await;
    let response = env.try_login("manager.a", PASSWORD).await;
    assert_eq!(response.status, StatusCode::OK);
    let set_cookie = response.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(set_cookie.starts_with("hamyar_session="));
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict") && set_cookie.contains("Path=/"));
    assert_eq!(response.body["user"]["id"], world.manager_a.id.to_string());
    assert_eq!(response.body["center"]["code"], "center-a");
    // Usernames are case- and digit-script-insensitive; passwords accept Persian digits.
    assert_eq!(env.try_login(" Manager.A ", PASSWORD).await.status, StatusCode::OK);

    let me = env.get("/api/v1/me", &response.cookie()).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["user"]["username"], "manager.a");
    let perms: Vec<&str> = me.body["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(perms.contains(&"users.create") && !perms.contains(&"centers.create"));
    env.finish().await;
}

async fn wrong_password_and_unknown_user_get_the_same_answer(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let wrong = env.try_login("manager.a", "not the password").await;
    let unknown = env.try_login("nobody.here", "not the password").await;
    let garbage = env.try_login("!!", "x").await;
    for r in [&wrong, &unknown, &garbage] {
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.code(), "invalid_credentials");
        assert!(r.headers.get(header::SET_COOKIE).is_none());
    }
    assert_eq!(wrong.body, unknown.body);
    env.finish().await;
}

async fn repeated_wrong_passwords_are_throttled_per_account(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    for _ in 0..5 {
        assert_eq!(env.try_login("helper.a", "guess guess guess").await.code(), "invalid_credentials");
    }
    // Locked now, even with the right password.
    let locked = env.try_login("helper.a", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.code(), "too_many_attempts");
    let retry: u64 = locked.headers.get(header::RETRY_AFTER).unwrap().to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 15 * 60);
    // Another account is not affected.
    assert_eq!(env.try_login("helper.b", PASSWORD).await.status, StatusCode::OK);
    env.clock.advance(Duration::minutes(16));
    assert_eq!(env.try_login("helper.a", PASSWORD).await.status, StatusCode::OK);
    env.finish().await;
}

async fn many_failures_from_one_address_are_throttled(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    for i in 0..30 {
        env.try_login(&format!("sprayed{i}"), "password1234").await;
    }
    let from_same = env.try_login("manager.b", PASSWORD).await;
    assert_eq!(from_same.code(), "too_many_attempts");
    let body = json!({ "username": "manager.b", "password": PASSWORD }).to_string();
    let request = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from(body))
        .unwrap();
    assert_eq!(env.raw(request, "10.9.9.9").await.status, StatusCode::OK, "another address still logs in");
    env.finish().await;
}

async fn idle_session_expires(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let cookie = env.login("manager.a").await;
    env.clock.advance(Duration::minutes(90));
    assert_eq!(env.get("/api/v1/me", &cookie).await.status, StatusCode::OK, "used within the idle limit");
    env.clock.advance(Duration::minutes(121));
    let expired = env.get("/api/v1/me", &cookie).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.code(), "session_expired");
    // And it stays ended.
    assert_eq!(env.get("/api/v1/me", &cookie).await.code(), "session_expired");
    env.finish().await;
}

async fn session_expires_absolutely_even_when_used(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let cookie = env.login("manager.a").await;
    for _ in 0..11 {
        env.clock.advance(Duration::hours(1));
        assert_eq!(env.get("/api/v1/me", &cookie).await.status, StatusCode::OK);
    }
    env.clock.advance(Duration::minutes(61));
    assert_eq!(env.get("/api/v1/me", &cookie).await.code(), "session_expired");
    env.finish().await;
}

async fn logout_ends_the_session(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let cookie = env.login("manager.a").await;
    let other_device = env.login("manager.a").await;
    let out = env.send(Method::POST, "/api/v1/auth/logout", Some(&cookie), None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(env.get("/api/v1/me", &cookie).await.code(), "session_expired");
    assert_eq!(env.get("/api/v1/me", &other_device).await.status, StatusCode::OK, "only this session ends");
    env.finish().await;
}

async fn password_change_ends_every_session_of_the_user(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let phone = env.login("helper.a").await;
    let pc = env.login("helper.a").await;
    let bystander = env.login("helper.b").await;
    let changed = env
        .post(
            "/api/v1/me/password",
            &phone,
            json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase" }),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.body);
    let fresh = changed.cookie();
    assert_eq!(env.get("/api/v1/me", &phone).await.code(), "session_expired");
    assert_eq!(env.get("/api/v1/me", &pc).await.code(), "session_expired");
    assert_eq!(env.get("/api/v1/me", &fresh).await.status, StatusCode::OK);
    assert_eq!(env.get("/api/v1/me", &bystander).await.status, StatusCode::OK);
    assert_eq!(env.try_login("helper.a", PASSWORD).await.code(), "invalid_credentials");
    assert_eq!(env.try_login("helper.a", "a brand new passphrase").await.status, StatusCode::OK);
    env.finish().await;
}

async fn password_change_refuses_wrong_current_and_weak_new_password(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let cookie = env.login("helper.a").await;
    let wrong = env
        .post(
            "/api/v1/me/password",
            &cookie,
            json!({ "current_password": "not it at all", "new_password": "a brand new passphrase" }),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.code(), "wrong_password");
    assert_eq!(wrong.body["error"]["field"], "current_password");
    let weak = env
        .post("/api/v1/me/password", &cookie, json!({ "current_password": PASSWORD, "new_password": "short" }))
        .await;
    assert_eq!(weak.code(), "weak_password");
    assert_eq!(weak.body["error"]["field"], "new_password");
    let has_name = env
        .post(
            "/api/v1/me/password",
            &cookie,
            json!({ "current_password": PASSWORD, "new_password": "helper.a-forever" }),
        )
        .await;
    assert_eq!(has_name.code(), "weak_password");
    assert_eq!(has_name.body["error"]["reason"], "contains_username");
    assert_eq!(env.get("/api/v1/me", &cookie).await.status, StatusCode::OK, "a refused change ends nothing");
    env.finish().await;
}

async fn disabled_account_cannot_log_in_and_its_sessions_end(backend: Backend) {
    let env = Env::new(backend).await;
    let world = env.world().await;
    let helper_session = env.login("helper.a").await;
    let manager = env.login("manager.a").await;
    let disabled = env
        .patch(&format!("/api/v1/users/{}", world.helper_a.id), &manager, json!({ "version": 1, "disabled": true }))
        .await;
    assert_eq!(disabled.status, StatusCode::OK, "{:?}", disabled.body);
    assert_eq!(disabled.body["disabled"], true);
    let live = env.get("/api/v1/me", &helper_session).await;
    assert!(matches!(live.code(), "account_disabled" | "session_expired"), "{:?}", live.body);
    let login = env.try_login("helper.a", PASSWORD).await;
    assert_eq!(login.status, StatusCode::FORBIDDEN);
    assert_eq!(login.code(), "account_disabled");
    // A wrong password does not reveal that the account is disabled.
    assert_eq!(env.try_login("helper.a", "wrong wrong wrong").await.code(), "invalid_credentials");
    let enabled = env
        .patch(&format!("/api/v1/users/{}", world.helper_a.id), &manager, json!({ "version": 2, "disabled": false }))
        .await;
    assert_eq!(enabled.status, StatusCode::OK);
    assert_eq!(env.try_login("helper.a", PASSWORD).await.status, StatusCode::OK);
    env.finish().await;
}

async fn requests_without_a_session_are_unauthenticated(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    for path in ["/api/v1/me", "/api/v1/centers", "/api/v1/users", "/api/v1/families", "/api/v1/headquarters"] {
        let r = env.send(Method::GET, path, None, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(r.code(), "unauthenticated", "{path}");
    }
    let forged = env.get("/api/v1/me", "hamyar_session=0123456789abcdef").await;
    assert_eq!(forged.code(), "session_expired");
    env.finish().await;
}
