//! Offline devices through the API: registration at login, who sees and
//! revokes which device, and a revoked device staying revoked.

use crate::{
    on_both_backends,
    support::{Backend, Env},
};
use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

on_both_backends!(devices_are_registered_listed_and_revoked_within_scope,);

fn device(id: Uuid, name: &str) -> Value {
    json!({ "id": id, "name": name, "app_version": "0.5.0", "protocol": 1 })
}

async fn devices_are_registered_listed_and_revoked_within_scope(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let helper = env.login("helper.a").await;
    let phone = Uuid::now_v7();

    // Registering is idempotent by id: a restart updates the same record.
    let first = env.post("/api/v1/sync/devices", &helper, device(phone, "گوشی")).await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    assert_eq!((first.body["version"].as_i64(), first.body["revoked_at"].clone()), (Some(1), Value::Null));
    let again = env.post("/api/v1/sync/devices", &helper, device(phone, "گوشی زهرا")).await;
    assert_eq!((again.body["version"].as_i64(), again.body["name"].as_str()), (Some(2), Some("گوشی زهرا")));
    let old = env.post("/api/v1/sync/devices", &helper, json!({ "id": Uuid::now_v7(), "protocol": 0 })).await;
    assert_eq!((old.status, old.code()), (StatusCode::UPGRADE_REQUIRED, "protocol_unsupported"));

    // Someone else cannot take this device's id.
    let other = env.login("helper.b").await;
    let taken = env.post("/api/v1/sync/devices", &other, device(phone, "x")).await;
    assert_eq!((taken.status, taken.body["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("id")));

    // The owner and their manager see it; the other center's manager does not.
    let mine = env.get("/api/v1/sync/devices", &helper).await.body;
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
    let m = env.login("manager.a").await;
    let seen = env.get("/api/v1/sync/devices", &m).await.body;
    assert_eq!(seen["items"][0]["username"], "helper.a");
    let b = env.login("manager.b").await;
    assert_eq!(env.get("/api/v1/sync/devices", &b).await.body["items"], json!([]));
    let one = env.get(&format!("/api/v1/sync/devices?user_id={}", w.helper_a.id), &b).await;
    assert_eq!(one.status, StatusCode::NOT_FOUND);
    let revoke = format!("/api/v1/sync/devices/{phone}/revoke");
    assert_eq!(env.post(&revoke, &b, json!({})).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.post(&revoke, &other, json!({})).await.status, StatusCode::NOT_FOUND);

    // The manager revokes it; it stays revoked, even if it registers again.
    let revoked = env.post(&revoke, &m, json!({})).await;
    assert_eq!(revoked.status, StatusCode::OK, "{:?}", revoked.body);
    assert!(revoked.body["revoked_at"].is_string());
    let back = env.post("/api/v1/sync/devices", &helper, device(phone, "گوشی")).await;
    assert_eq!((back.status, back.code()), (StatusCode::FORBIDDEN, "device_revoked"));

    // A helper revokes their own lost phone from another device.
    let lost = Uuid::now_v7();
    assert_eq!(env.post("/api/v1/sync/devices", &helper, device(lost, "گوشی گم‌شده")).await.status, StatusCode::OK);
    let own = env.post(&format!("/api/v1/sync/devices/{lost}/revoke"), &helper, json!({})).await;
    assert_eq!(own.status, StatusCode::OK, "{:?}", own.body);
    env.finish().await;
}
