//! The family registry through the API: create, search, members, head,
//! moves, national-ID duplicates, history, access log, scope.

use crate::{
    on_both_backends,
    support::{Backend, Env, Response},
};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

on_both_backends!(
    a_manager_registers_and_finds_families_forgiving_arabic_letters_and_digits,
    national_ids_are_unique_under_a_headquarters_and_the_refusal_says_where,
    members_are_added_edited_removed_moved_and_the_head_changed,
    every_change_is_in_the_history_and_every_view_in_the_access_log,
    families_stay_inside_their_center,
    paging_and_filters,
    likely_duplicates_are_flagged_merged_with_their_history_or_dismissed,
);

fn head(first: &str, last: &str, national_id: Option<&str>) -> Value {
    json!({ "first_name": first, "last_name": last, "sex": "male", "national_id": national_id,
            "birth_date": "1980-05-01", "mobile": "۰۹۱۲ ۱۱۱ ۲۲۳۳" })
}

async fn create(env: &Env, cookie: &str, body: Value) -> Response {
    env.post("/api/v1/families", cookie, body).await
}

fn names(r: &Response) -> Vec<String> {
    r.body["items"].as_array().unwrap().iter().map(|i| i["family_name"].as_str().unwrap().to_owned()).collect()
}

async fn a_manager_registers_and_finds_families_forgiving_arabic_letters_and_digits(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let m = env.login("manager.a").await;
    let created = create(
        &env,
        &m,
        json!({ "neighborhood": "گلستان", "address": "كوچه ياس، پلاك ۳", "phones": ["۰۲۱-۷۷۸۸۹۹۰۰"], "housing": "rented",
                "sources": [{"organization": "بهزیستی", "reference": "BH-12"}],
                "head": head("علی", "رضایی", Some("۰۴۹۹۳۷۰۸۹۹")) }),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(created.body["family_name"], "خانوادهٔ رضایی", "named after the head by default");
    assert_eq!(created.body["head_name"], "علی رضایی");
    assert_eq!(created.body["members"][0]["national_id"], "0499370899");
    assert_eq!(created.body["members"][0]["relation"], "head");
    assert_eq!(created.body["members"][0]["mobile"], "09121112233");
    assert_eq!(created.body["phones"][0], "02177889900");
    assert_eq!(created.body["address"], "کوچه یاس، پلاک 3", "Arabic letters and Persian digits normalized");
    assert_eq!(created.body["sources"][0]["reference"], "BH-12");

    for q in ["رضائي علي", "۰۴۹۹۳۷", "0499370899", "٧٧٨٨٩٩", "یاس", "كوچه"] {
        let found = env.get(&format!("/api/v1/families?q={}", urlencode(q)), &m).await;
        assert_eq!(names(&found), vec!["خانوادهٔ رضایی"], "search {q:?}");
    }
    // «علي» (Arabic yeh) finds every «علی»: this family's head and the one already there.
    let ali = env.get(&format!("/api/v1/families?q={}", urlencode("علي")), &m).await;
    assert_eq!(names(&ali), vec!["خانوادهٔ الف", "خانوادهٔ رضایی"]);
    let none = env.get(&format!("/api/v1/families?q={}", urlencode("حسینی")), &m).await;
    assert!(names(&none).is_empty());

    let bad = create(&env, &m, json!({ "head": head("", "x", None) })).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.body["error"]["field"], "first_name");
    let bad_nid = create(&env, &m, json!({ "head": head("حسن", "کریمی", Some("0499370898")) })).await;
    assert_eq!(
        (bad_nid.body["error"]["field"].as_str(), bad_nid.body["error"]["reason"].as_str()),
        (Some("national_id"), Some("checksum"))
    );
    let bad_date = create(
        &env,
        &m,
        json!({ "head": { "first_name": "حسن", "last_name": "کریمی", "sex": "male", "birth_date": "2999-01-01" } }),
    )
    .await;
    assert_eq!(bad_date.body["error"]["field"], "birth_date");
    let bad_sex = create(&env, &m, json!({ "head": { "first_name": "حسن", "last_name": "کریمی", "sex": "x" } })).await;
    assert_eq!(bad_sex.body["error"]["field"], "sex");
    env.finish().await;
}

/// Percent-encodes a query value (UTF-8), enough for these tests.
fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

async fn national_ids_are_unique_under_a_headquarters_and_the_refusal_says_where(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let a = env.login("manager.a").await;
    let b = env.login("manager.b").await;
    let first = create(&env, &a, json!({ "head": head("علی", "رضایی", Some("0499370899")) })).await;
    assert_eq!(first.status, StatusCode::CREATED);

    let same_center = create(&env, &a, json!({ "head": head("علی", "رضائی", Some("٠٤٩٩٣٧٠٨٩٩")) })).await;
    assert_eq!(same_center.status, StatusCode::CONFLICT);
    assert_eq!(same_center.code(), "duplicate_national_id");
    assert_eq!(same_center.body["error"]["field"], "national_id");
    let message = same_center.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("خانوادهٔ رضایی") && message.contains("مرکز الف"), "says where: {message}");

    // Another center of the same headquarters: refused, without naming a
    // family the manager may not see.
    let other_center = create(&env, &b, json!({ "head": head("علی", "رضایی", Some("0499370899")) })).await;
    assert_eq!(other_center.code(), "duplicate_national_id");
    let message = other_center.body["error"]["message"].as_str().unwrap();
    assert!(!message.contains("رضایی") && !message.contains("مرکز الف"), "reveals nothing: {message}");

    // Another headquarters keeps its own registry.
    let qom = env
        .user("manager.qom", hamyar_domain::role::Role::CenterManager, None, Some(env_center(&env, "qom-1").await))
        .await;
    let q = env.login(&qom.username).await;
    assert_eq!(
        create(&env, &q, json!({ "head": head("علی", "رضایی", Some("0499370899")) })).await.status,
        StatusCode::CREATED
    );

    // Adding the ID to another member is refused too; a removed member frees it.
    let family_id = first.body["id"].as_str().unwrap().to_owned();
    let spouse = json!({ "first_name": "زهرا", "last_name": "رضایی", "sex": "female", "relation": "spouse", "national_id": "0499370899" });
    assert_eq!(
        env.post(&format!("/api/v1/families/{family_id}/members"), &a, spouse).await.code(),
        "duplicate_national_id"
    );
    env.finish().await;
}

async fn env_center(env: &Env, code: &str) -> uuid::Uuid {
    env.app.find_center_by_code(code).await.unwrap().id
}

async fn members_are_added_edited_removed_moved_and_the_head_changed(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let m = env.login("manager.a").await;
    let created = create(&env, &m, json!({ "head": head("علی", "رضایی", None) })).await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    let head_id = created.body["members"][0]["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/families/{id}");

    let spouse = env
        .post(&format!("{base}/members"), &m, json!({ "first_name": "زهرا", "last_name": "احمدی", "sex": "female", "relation": "spouse", "birth_date": "1983-01-02" }))
        .await;
    assert_eq!(spouse.status, StatusCode::CREATED, "{:?}", spouse.body);
    let spouse_id = spouse.body["id"].as_str().unwrap().to_owned();
    let child = env
        .post(
            &format!("{base}/members"),
            &m,
            json!({ "first_name": "محمد", "last_name": "رضایی", "sex": "male", "relation": "child" }),
        )
        .await;
    let child_id = child.body["id"].as_str().unwrap().to_owned();
    let second_head = env
        .post(
            &format!("{base}/members"),
            &m,
            json!({ "first_name": "x", "last_name": "y", "sex": "male", "relation": "head" }),
        )
        .await;
    assert_eq!(second_head.body["error"]["reason"], "head_exists");

    let edited = env
        .patch(
            &format!("{base}/members/{spouse_id}"),
            &m,
            json!({ "version": 1, "occupation": "معلم", "mobile": "09350000000" }),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{:?}", edited.body);
    assert_eq!(edited.body["occupation"], "معلم");
    assert_eq!(edited.body["first_name"], "زهرا", "fields left out keep their value");
    let stale = env.patch(&format!("{base}/members/{spouse_id}"), &m, json!({ "version": 1, "occupation": "x" })).await;
    assert_eq!(stale.code(), "version_conflict");

    let remove_head = env.send(Method::DELETE, &format!("{base}/members/{head_id}?version=1"), Some(&m), None).await;
    assert_eq!(remove_head.body["error"]["reason"], "is_head");

    // The spouse becomes the head; the former head's relation is left to correct.
    let family_version = env.get(&base, &m).await.body["version"].as_i64().unwrap();
    let new_head =
        env.post(&format!("{base}/head"), &m, json!({ "member_id": spouse_id, "version": family_version })).await;
    assert_eq!(new_head.status, StatusCode::OK, "{:?}", new_head.body);
    assert_eq!(new_head.body["head_member_id"], spouse_id.as_str());
    assert_eq!(new_head.body["head_name"], "زهرا احمدی");
    assert_eq!(new_head.body["members"][0]["id"], spouse_id.as_str(), "head listed first");
    let old_head =
        new_head.body["members"].as_array().unwrap().iter().find(|x| x["id"] == head_id.as_str()).unwrap().clone();
    assert_eq!(old_head["relation"], "other");

    // The child moves to another family of the center.
    let other = create(&env, &m, json!({ "head": head("حسن", "کریمی", None) })).await;
    let other_id = other.body["id"].as_str().unwrap().to_owned();
    let moved = env.post(&format!("{base}/members/{child_id}/move"), &m, json!({ "to_family_id": other_id })).await;
    assert_eq!(moved.status, StatusCode::OK, "{:?}", moved.body);
    assert_eq!(moved.body["member_count"], 2);
    assert_eq!(env.get(&base, &m).await.body["member_count"], 2);
    // Search follows the member to the new family.
    let found = env.get(&format!("/api/v1/families?q={}", urlencode("محمد")), &m).await;
    assert_eq!(names(&found), vec!["خانوادهٔ کریمی"]);

    // Removing a member is a tombstone: gone from the family, kept in history.
    let child_now =
        moved.body["members"].as_array().unwrap().iter().find(|x| x["id"] == child_id.as_str()).unwrap().clone();
    let path = format!("/api/v1/families/{other_id}/members/{child_id}?version={}", child_now["version"]);
    assert_eq!(env.send(Method::DELETE, &path, Some(&m), None).await.status, StatusCode::NO_CONTENT);
    assert_eq!(env.get(&format!("/api/v1/families/{other_id}"), &m).await.body["member_count"], 1);
    env.finish().await;
}

async fn every_change_is_in_the_history_and_every_view_in_the_access_log(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let m = env.login("manager.a").await;
    let created = create(&env, &m, json!({ "head": head("علی", "رضایی", None), "neighborhood": "گلستان" })).await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/families/{id}");
    let patched = env.patch(&base, &m, json!({ "version": 1, "neighborhood": "باغ فیض", "housing": "owned" })).await;
    assert_eq!(patched.status, StatusCode::OK, "{:?}", patched.body);
    let closed = env.patch(&base, &m, json!({ "version": 2, "status": "moved_away" })).await;
    assert_eq!(
        (closed.body["error"]["field"].as_str(), closed.body["error"]["reason"].as_str()),
        (Some("status_reason"), Some("required"))
    );

    let history = env.get(&format!("{base}/history"), &m).await;
    let items = history.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "family created, head created, family updated: {items:?}");
    let latest = &items[0];
    assert_eq!(latest["op"], "update");
    assert_eq!(latest["actor"]["display_name"], "کاربر manager.a");
    assert_eq!(latest["changes"]["neighborhood"]["old"], "گلستان");
    assert_eq!(latest["changes"]["neighborhood"]["new"], "باغ فیض");
    assert_eq!(latest["changes"]["housing"]["new"], "owned");
    assert!(latest["changes"].get("family_name").is_none(), "only what changed");

    env.get(&base, &m).await;
    env.get(&base, &m).await;
    let log = env.get(&format!("{base}/access-log"), &m).await;
    assert_eq!(log.body["items"].as_array().unwrap().len(), 1, "reloads while working are one view: {:?}", log.body);
    env.clock.advance(chrono::Duration::minutes(11));
    env.get(&base, &m).await;
    let log = env.get(&format!("{base}/access-log"), &m).await;
    assert_eq!(log.body["items"].as_array().unwrap().len(), 2, "{:?}", log.body);
    assert_eq!(log.body["items"][0]["user"]["display_name"], "کاربر manager.a");
    env.finish().await;
}

async fn families_stay_inside_their_center(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let a = env.login("manager.a").await;
    let created = create(&env, &a, json!({ "head": head("علی", "رضایی", None) })).await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    for who in ["manager.b", "helper.a", "admin"] {
        let c = env.login(who).await;
        let base = format!("/api/v1/families/{id}");
        assert_eq!(env.get(&base, &c).await.status, StatusCode::NOT_FOUND, "{who} reads");
        assert_eq!(
            env.patch(&base, &c, json!({ "version": 1, "address": "x" })).await.status,
            StatusCode::NOT_FOUND,
            "{who} edits"
        );
        assert_eq!(env.get(&format!("{base}/history"), &c).await.status, StatusCode::NOT_FOUND, "{who} history");
        assert_eq!(env.get(&format!("{base}/access-log"), &c).await.status, StatusCode::NOT_FOUND, "{who} log");
        let add = json!({ "first_name": "x", "last_name": "y", "sex": "male", "relation": "child" });
        assert_eq!(env.post(&format!("{base}/members"), &c, add).await.status, StatusCode::NOT_FOUND, "{who} adds");
        let found = env.get(&format!("/api/v1/families?q={}", urlencode("رضایی")), &c).await;
        assert!(names(&found).is_empty(), "{who} searches");
    }
    // Nobody but the center's manager registers families there.
    let helper = env.login("helper.a").await;
    assert_eq!(create(&env, &helper, json!({ "head": head("x", "y", None) })).await.status, StatusCode::FORBIDDEN);
    let b = env.login("manager.b").await;
    let into_a = create(&env, &b, json!({ "center_id": w.center_a.id, "head": head("x", "y", None) })).await;
    assert_eq!(into_a.status, StatusCode::FORBIDDEN);
    // Moving a member into another center's family is refused.
    let other = create(&env, &b, json!({ "head": head("حسن", "کریمی", None) })).await;
    let spouse = env
        .post(
            &format!("/api/v1/families/{id}/members"),
            &a,
            json!({ "first_name": "زهرا", "last_name": "x", "sex": "female", "relation": "spouse" }),
        )
        .await;
    let moved = env
        .post(
            &format!("/api/v1/families/{id}/members/{}/move", spouse.body["id"].as_str().unwrap()),
            &a,
            json!({ "to_family_id": other.body["id"] }),
        )
        .await;
    assert_eq!(moved.body["error"]["field"], "to_family_id");
    env.finish().await;
}

async fn paging_and_filters(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let m = env.login("manager.a").await;
    for (i, last) in ["احمدی", "باقری", "پارسا", "تقوی", "ثابتی"].iter().enumerate() {
        let hood = if i % 2 == 0 { "گلستان" } else { "باغ فیض" };
        create(&env, &m, json!({ "head": head("علی", last, None), "neighborhood": hood })).await;
    }
    let page1 = env.get("/api/v1/families?page=1&page_size=2", &m).await;
    assert_eq!(page1.body["total"], 6, "five new and the world's one");
    assert_eq!(names(&page1), vec!["خانوادهٔ احمدی", "خانوادهٔ الف"]);
    let page2 = env.get("/api/v1/families?page=2&page_size=2", &m).await;
    assert_eq!(names(&page2), vec!["خانوادهٔ باقری", "خانوادهٔ پارسا"]);
    let hood = env.get(&format!("/api/v1/families?neighborhood={}", urlencode("گلستان")), &m).await;
    assert_eq!(hood.body["total"], 3);
    let bad = env.get("/api/v1/families?status=gone", &m).await;
    assert_eq!(bad.body["error"]["field"], "status");
    let huge = env.get("/api/v1/families?page_size=100000", &m).await;
    assert_eq!(huge.body["page_size"], 100);
    env.finish().await;
}

async fn likely_duplicates_are_flagged_merged_with_their_history_or_dismissed(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let m = env.login("manager.a").await;
    let person = |first: &str, last: &str, father: &str, born: &str, nid: Option<&str>| json!({ "first_name": first, "last_name": last, "father_name": father, "birth_date": born, "sex": "male", "national_id": nid });
    let x = create(&env, &m, json!({ "head": person("علی", "رضایی", "حسن", "1980-04-01", None) })).await;
    // The same household registered again from another list, spelled the Arabic way.
    let y = create(&env, &m, json!({ "head": person("علي", "رضائي", "حسن", "1980-06-01", Some("0499370899")) })).await;
    let y_id = y.body["id"].as_str().unwrap().to_owned();
    env.post(
        &format!("/api/v1/families/{y_id}/members"),
        &m,
        json!({ "first_name": "زهرا", "last_name": "احمدی", "sex": "female", "relation": "spouse" }),
    )
    .await;
    // Same name and year, another father: a different man.
    create(&env, &m, json!({ "head": person("علی", "رضایی", "محمد", "1980-02-02", None) })).await;

    let dups = env.get("/api/v1/families/duplicates", &m).await;
    let groups = dups.body["items"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["members"].as_array().unwrap().len(), 2);

    // Another manager cannot touch these; a helper cannot list them.
    let b = env.login("manager.b").await;
    let keep = x.body["members"][0]["id"].as_str().unwrap().to_owned();
    let drop = y.body["members"][0]["id"].as_str().unwrap().to_owned();
    let merge = json!({ "keep_member_id": keep, "drop_member_id": drop });
    assert_eq!(env.post("/api/v1/families/duplicates/merge", &b, merge.clone()).await.status, StatusCode::NOT_FOUND);
    let helper = env.login("helper.a").await;
    assert_eq!(env.get("/api/v1/families/duplicates", &helper).await.status, StatusCode::FORBIDDEN);

    let merged = env.post("/api/v1/families/duplicates/merge", &m, merge).await;
    assert_eq!(merged.status, StatusCode::OK, "{:?}", merged.body);
    assert_eq!(merged.body["member_count"], 2, "the spouse moved over");
    assert_eq!(merged.body["members"][0]["national_id"], "0499370899", "gaps filled from the removed record");
    assert_eq!(
        env.get(&format!("/api/v1/families/{y_id}"), &m).await.status,
        StatusCode::NOT_FOUND,
        "the second registration is closed"
    );
    let x_id = x.body["id"].as_str().unwrap();
    let history = env.get(&format!("/api/v1/families/{x_id}/history"), &m).await;
    let entries = history.body["items"].as_array().unwrap();
    assert!(
        entries.iter().any(|e| e["entity_id"] == y_id.as_str() && e["op"] == "create"),
        "the merged family's history is kept"
    );
    assert!(entries.iter().any(|e| e["op"] == "move"));
    assert!(env.get("/api/v1/families/duplicates", &m).await.body["items"].as_array().unwrap().is_empty());
    // Searching still finds the person by the national ID that moved over.
    assert_eq!(env.get("/api/v1/families?q=0499370899", &m).await.body["total"], 1);

    // Two different people who look alike: dismissed, and not flagged again.
    let p = create(&env, &m, json!({ "head": person("مریم", "احمدی", "", "1990-04-01", None) })).await;
    let q = create(&env, &m, json!({ "head": person("مریم", "احمدی", "", "1990-09-09", Some("0012345679")) })).await;
    let (pa, qa) = (p.body["members"][0]["id"].clone(), q.body["members"][0]["id"].clone());
    assert_eq!(env.get("/api/v1/families/duplicates", &m).await.body["items"].as_array().unwrap().len(), 1);
    let dismissed =
        env.post("/api/v1/families/duplicates/dismiss", &m, json!({ "member_a": qa, "member_b": pa })).await;
    assert_eq!(dismissed.status, StatusCode::NO_CONTENT);
    assert!(env.get("/api/v1/families/duplicates", &m).await.body["items"].as_array().unwrap().is_empty());

    // Two national IDs: not one person.
    let r =
        create(&env, &m, json!({ "head": person("مریم", "احمدی", "", "1990-03-03", Some(valid_other().as_str())) }))
            .await;
    let refused = env
        .post(
            "/api/v1/families/duplicates/merge",
            &m,
            json!({ "keep_member_id": q.body["members"][0]["id"], "drop_member_id": r.body["members"][0]["id"] }),
        )
        .await;
    assert_eq!(refused.body["error"]["reason"], "different_national_ids", "{:?}", refused.body);
    env.finish().await;
}

/// Another valid national ID.
fn valid_other() -> String {
    let prefix = "123456789";
    let sum: u32 = prefix.chars().enumerate().map(|(i, c)| c.to_digit(10).unwrap() * (10 - i as u32)).sum();
    let r = sum % 11;
    format!("{prefix}{}", if r < 2 { r } else { 11 - r })
}
