//! Deny by default: nobody reads or changes anything outside their scope,
//! and nobody grants a role above their own.

use crate::{
    on_both_backends,
    support::{Backend, Env, Response},
};
use axum::http::StatusCode;
use serde_json::json;

on_both_backends!(
    helper_of_center_a_reads_nothing_of_center_b,
    manager_sees_and_changes_nothing_outside_their_center,
    admin_of_another_headquarters_sees_nothing_here,
    nobody_creates_users_of_a_higher_role,
    only_headquarters_admins_create_centers_and_managers,
);

fn ids(r: &Response) -> Vec<String> {
    r.body["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

fn field(r: &Response, name: &str) -> Vec<String> {
    r.body["items"].as_array().unwrap().iter().map(|i| i[name].as_str().unwrap_or("").to_owned()).collect()
}

async fn helper_of_center_a_reads_nothing_of_center_b(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let helper = env.login("helper.a").await;

    let centers = env.get("/api/v1/centers", &helper).await;
    assert_eq!(ids(&centers), vec![w.center_a.id.to_string()]);
    let b = env.get(&format!("/api/v1/centers/{}", w.center_b.id), &helper).await;
    assert_eq!(b.status, StatusCode::NOT_FOUND);
    assert_eq!(b.code(), "not_found");

    // No families are assigned to helpers yet: they see none, of any center.
    assert!(ids(&env.get("/api/v1/families", &helper).await).is_empty());
    assert!(ids(&env.get("/api/v1/users", &helper).await).is_empty());
    for user in [&w.helper_b, &w.manager_b, &w.manager_a] {
        assert_eq!(env.get(&format!("/api/v1/users/{}", user.id), &helper).await.status, StatusCode::NOT_FOUND);
    }
    // Their own account is theirs to read.
    assert_eq!(env.get(&format!("/api/v1/users/{}", w.helper_a.id), &helper).await.status, StatusCode::OK);
    let edit =
        env.patch(&format!("/api/v1/centers/{}", w.center_a.id), &helper, json!({ "version": 1, "name": "x" })).await;
    assert_eq!(edit.status, StatusCode::FORBIDDEN);
    let create = env
        .post(
            "/api/v1/users",
            &helper,
            json!({ "username": "helper.new", "display_name": "x", "role": "helper", "password": "long enough pass" }),
        )
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
    let me = env.get("/api/v1/me", &helper).await;
    assert!(me.body["creatable_roles"].as_array().unwrap().is_empty());
    env.finish().await;
}

async fn manager_sees_and_changes_nothing_outside_their_center(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let manager = env.login("manager.a").await;

    assert_eq!(ids(&env.get("/api/v1/centers", &manager).await), vec![w.center_a.id.to_string()]);
    let families = env.get("/api/v1/families", &manager).await;
    assert_eq!(field(&families, "center_id"), vec![w.center_a.id.to_string()]);
    let users = env.get("/api/v1/users", &manager).await;
    let mut names = field(&users, "username");
    names.sort();
    assert_eq!(names, vec!["helper.a", "manager.a"]);
    let filtered = env.get(&format!("/api/v1/users?center_id={}", w.center_b.id), &manager).await;
    assert!(ids(&filtered).is_empty(), "a filter cannot widen the scope");

    let b = format!("/api/v1/centers/{}", w.center_b.id);
    assert_eq!(env.get(&b, &manager).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.patch(&b, &manager, json!({ "version": 1, "name": "x" })).await.status, StatusCode::NOT_FOUND);
    let hb = format!("/api/v1/users/{}", w.helper_b.id);
    assert_eq!(env.get(&hb, &manager).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.patch(&hb, &manager, json!({ "version": 1, "disabled": true })).await.status, StatusCode::NOT_FOUND);
    let reset = env.post(&format!("{hb}/password"), &manager, json!({ "new_password": "taken over now!" })).await;
    assert_eq!(reset.status, StatusCode::NOT_FOUND);
    // Creating a user in center B is refused without revealing B.
    let into_b = env
        .post(
            "/api/v1/users",
            &manager,
            json!({ "username": "spy.b", "display_name": "x", "role": "helper", "password": "long enough pass", "center_id": w.center_b.id }),
        )
        .await;
    assert_eq!(into_b.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(into_b.body["error"]["field"], "center_id");
    // The headquarters admin is above them: neither visible nor manageable.
    let admin = format!("/api/v1/users/{}", w.admin.id);
    assert_eq!(env.get(&admin, &manager).await.status, StatusCode::NOT_FOUND);
    // Their own center they may edit; their helper they may manage.
    let a = format!("/api/v1/centers/{}", w.center_a.id);
    assert_eq!(env.patch(&a, &manager, json!({ "version": 1, "neighborhood": "نارمک" })).await.status, StatusCode::OK);
    let ha = format!("/api/v1/users/{}", w.helper_a.id);
    assert_eq!(env.patch(&ha, &manager, json!({ "version": 1, "display_name": "زهرا" })).await.status, StatusCode::OK);
    // But not themselves through the admin screens.
    let self_edit = env
        .patch(&format!("/api/v1/users/{}", w.manager_a.id), &manager, json!({ "version": 1, "disabled": true }))
        .await;
    assert_eq!(self_edit.status, StatusCode::FORBIDDEN);
    env.finish().await;
}

async fn admin_of_another_headquarters_sees_nothing_here(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let other = env.login("admin.qom").await;
    assert_eq!(ids(&env.get("/api/v1/centers", &other).await), vec![w.other_center.id.to_string()]);
    assert_eq!(ids(&env.get("/api/v1/headquarters", &other).await), vec![w.other_hq.id.to_string()]);
    assert!(ids(&env.get("/api/v1/families", &other).await).is_empty(), "HQ sees families only in aggregate");
    let users = ids(&env.get("/api/v1/users", &other).await);
    assert_eq!(users, vec![w.other_admin.id.to_string()]);
    assert_eq!(env.get(&format!("/api/v1/centers/{}", w.center_a.id), &other).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.get(&format!("/api/v1/users/{}", w.admin.id), &other).await.status, StatusCode::NOT_FOUND);
    let center_elsewhere = env
        .post(
            "/api/v1/centers",
            &other,
            json!({ "code": "sneaky", "name": "x", "host_body": "mosque", "hq_id": w.hq.id }),
        )
        .await;
    assert_eq!(center_elsewhere.status, StatusCode::FORBIDDEN);
    let user_elsewhere = env
        .post(
            "/api/v1/users",
            &other,
            json!({ "username": "sneaky.m", "display_name": "x", "role": "center_manager", "password": "long enough pass", "center_id": w.center_a.id }),
        )
        .await;
    assert_eq!(user_elsewhere.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The admin of this headquarters sees all of it, and none of Qom.
    let admin = env.login("admin").await;
    let mut centers = ids(&env.get("/api/v1/centers", &admin).await);
    centers.sort();
    let mut expected = vec![w.center_a.id.to_string(), w.center_b.id.to_string()];
    expected.sort();
    assert_eq!(centers, expected);
    assert!(ids(&env.get("/api/v1/families", &admin).await).is_empty(), "HQ sees families only in aggregate");
    let perms = env.get("/api/v1/me", &admin).await.body["permissions"].to_string();
    assert!(!perms.contains("families.read"));
    env.finish().await;
}

async fn nobody_creates_users_of_a_higher_role(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let manager = env.login("manager.a").await;
    let new_user = |username: &str, role: &str| json!({ "username": username, "display_name": "کاربر تازه", "role": role, "password": "long enough pass", "center_id": w.center_a.id });
    for role in ["center_manager", "hq_admin"] {
        let r = env.post("/api/v1/users", &manager, new_user(&format!("up.{}", role.len()), role)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "manager granting {role}");
        assert_eq!(r.code(), "forbidden");
    }
    let hq_admin = json!({ "username": "up.hq", "display_name": "x", "role": "hq_admin", "password": "long enough pass", "hq_id": w.hq.id });
    assert_eq!(env.post("/api/v1/users", &manager, hq_admin).await.status, StatusCode::FORBIDDEN);
    for role in ["helper", "specialist", "commission_member", "trainer"] {
        let r = env.post("/api/v1/users", &manager, new_user(&format!("new.{role}"), role)).await;
        assert_eq!(r.status, StatusCode::CREATED, "manager creating {role}: {:?}", r.body);
        assert_eq!(r.body["center_id"], w.center_a.id.to_string());
        assert_eq!(r.body["hq_id"], w.hq.id.to_string());
    }
    // A manager's new helper without a center lands in the manager's own center.
    let defaulted = env
        .post(
            "/api/v1/users",
            &manager,
            json!({ "username": "new.default", "display_name": "x", "role": "helper", "password": "long enough pass" }),
        )
        .await;
    assert_eq!(defaulted.body["center_id"], w.center_a.id.to_string());
    // Managers may not take over a fellow manager's account.
    let mb = format!("/api/v1/users/{}", w.manager_b.id);
    let admin = env.login("admin").await;
    assert_eq!(env.patch(&mb, &admin, json!({ "version": 1, "display_name": "مدیر ب" })).await.status, StatusCode::OK);
    let me = env.get("/api/v1/me", &manager).await;
    let roles: Vec<&str> = me.body["creatable_roles"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(roles, vec!["helper", "specialist", "commission_member", "trainer"]);
    env.finish().await;
}

async fn only_headquarters_admins_create_centers_and_managers(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let manager = env.login("manager.a").await;
    let center =
        json!({ "code": "new-center", "name": "مرکز تازه", "host_body": "charity", "opened_on": "2025-03-20" });
    assert_eq!(env.post("/api/v1/centers", &manager, center.clone()).await.status, StatusCode::FORBIDDEN);
    let admin = env.login("admin").await;
    let created = env.post("/api/v1/centers", &admin, center).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(created.body["hq_id"], w.hq.id.to_string());
    assert_eq!(created.body["opened_on"], "2025-03-20");
    let manager_of_new = env
        .post(
            "/api/v1/users",
            &admin,
            json!({ "username": "manager.new", "display_name": "مدیر تازه", "role": "center_manager", "password": "long enough pass", "center_id": created.body["id"] }),
        )
        .await;
    assert_eq!(manager_of_new.status, StatusCode::CREATED, "{:?}", manager_of_new.body);
    let new_manager = env.try_login("manager.new", "long enough pass").await.cookie();
    let visible = ids(&env.get("/api/v1/centers", &new_manager).await);
    assert_eq!(visible, vec![created.body["id"].as_str().unwrap().to_owned()]);
    // A center manager account must have a center.
    let no_center = env
        .post(
            "/api/v1/users",
            &admin,
            json!({ "username": "manager.none", "display_name": "x", "role": "center_manager", "password": "long enough pass" }),
        )
        .await;
    assert_eq!(no_center.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_center.body["error"]["field"], "center_id");
    env.finish().await;
}
