//! General assistance through the API: targeting a program from the
//! registry (tier, age on the first day, relation, neighborhood, audience,
//! the same topic recently), registration of members, couples and
//! walk-ins, attendance, the program's report, a family's programs,
//! certificates, and who may see participants.

use crate::{
    assessments::{assess, days_ago},
    on_both_backends,
    support::{Backend, Env},
};
use axum::http::StatusCode;
use serde_json::{Value, json};

on_both_backends!(
    a_program_for_at_risk_families_lists_exactly_their_children_aged_12_to_18,
    attendance_shows_in_the_report_and_on_the_family_page_and_earns_certificates,
);

/// A date `years` and `days` before today (ISO).
fn born(years: u64, days: i64) -> String {
    let today = chrono::Utc::now().date_naive();
    let d = today - chrono::Months::new(12 * u32::try_from(years).unwrap());
    (d + chrono::Duration::days(days)).to_string()
}

/// A family of manager A with a head and these others (first name,
/// relation, sex, birth date or none), in a neighborhood, at a tier
/// (`None`: never assessed).
async fn household(
    env: &Env,
    cookie: &str,
    name: &str,
    neighborhood: &str,
    others: &[(&str, &str, &str, Option<String>)],
    tier: Option<&str>,
) -> Value {
    let created = env
        .post(
            "/api/v1/families",
            cookie,
            json!({ "family_name": name, "neighborhood": neighborhood,
                    "head": { "first_name": "پدر", "last_name": name, "sex": "male", "birth_date": born(45, 0),
                              "marital_status": "married" } }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    for (first, relation, sex, birth) in others {
        let added = env
            .post(
                &format!("/api/v1/families/{id}/members"),
                cookie,
                json!({ "first_name": first, "last_name": name, "relation": relation, "sex": sex, "birth_date": birth,
                        "marital_status": if *relation == "spouse" { "married" } else { "single" } }),
            )
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{:?}", added.body);
    }
    if let Some(tier) = tier {
        let done = assess(env, cookie, &id, "baseline", &days_ago(5), true, json!({})).await;
        if done["tier"] != tier {
            let over = env
                .post(
                    &format!("/api/v1/assessments/{}/override", done["id"].as_str().unwrap()),
                    cookie,
                    json!({ "version": done["version"], "tier": tier, "reason": "ارزیابی مدیر" }),
                )
                .await;
            assert_eq!(over.status, StatusCode::OK, "{:?}", over.body);
        }
    }
    env.get(&format!("/api/v1/families/{id}"), cookie).await.body
}

fn member_id(family: &Value, first: &str) -> String {
    family["members"].as_array().unwrap().iter().find(|m| m["first_name"] == first).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn program(env: &Env, cookie: &str, body: Value) -> Value {
    let r = env.post("/api/v1/programs", cookie, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    r.body
}

async fn add_session(env: &Env, cookie: &str, program: &Value, on: &str) -> Value {
    let id = program["program"]["id"].as_str().unwrap();
    let r = env
        .post(
            &format!("/api/v1/programs/{id}/sessions"),
            cookie,
            json!({ "held_on": on, "starts_at": "۱۶:۳۰", "ends_at": "18:00" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    r.body
}

fn names(targeting: &Value) -> Vec<String> {
    let mut n: Vec<String> =
        targeting["invitees"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect();
    n.sort();
    n
}

async fn a_program_for_at_risk_families_lists_exactly_their_children_aged_12_to_18(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let m = env.login(&w.manager_a.username).await;
    let first_day = (chrono::Utc::now().date_naive() + chrono::Duration::days(10)).to_string();
    // Ages are counted on the first session's day, ten days from now:
    // «دوازده» turns 12 on it, «یازده» the day after; «نوزده‌نشده» turns
    // 19 the day after (still 18), «نوزده» the day before.
    let at_risk = household(
        &env,
        &m,
        "احمدی",
        "گلستان",
        &[
            ("مادر", "spouse", "female", Some(born(40, 0))),
            ("دوازده", "child", "female", Some(born(12, 10))),
            ("نوزده‌نشده", "child", "male", Some(born(19, 11))),
            ("نوزده", "child", "male", Some(born(19, 9))),
            ("یازده", "child", "female", Some(born(12, 11))),
            ("بی‌تاریخ", "child", "male", None),
            ("برادرزاده", "other", "male", Some(born(15, 0))),
        ],
        Some("at_risk"),
    )
    .await;
    let other_at_risk =
        household(&env, &m, "کریمی", "نور", &[("پانزده", "child", "female", Some(born(15, 0)))], Some("at_risk")).await;
    household(&env, &m, "رستمی", "گلستان", &[("چهارده", "child", "male", Some(born(14, 0)))], Some("stable")).await;
    household(&env, &m, "نوری", "گلستان", &[("شانزده", "child", "female", Some(born(16, 0)))], None).await;
    // Another center's at-risk teenager never shows.
    let b = env.login(&w.manager_b.username).await;
    household(&env, &b, "دیگر", "گلستان", &[("هفده", "child", "male", Some(born(17, 0)))], Some("at_risk")).await;

    let body = json!({
        "kind": "workshop", "domain": "cultural", "topic": "مهارت‌های زندگی نوجوانان",
        "target": { "tiers": ["at_risk"], "audience": "members", "age_min": 12, "age_max": 18, "relations": ["child"] },
        "place": "سالن مسجد", "capacity": 30,
    });
    let teens = program(&env, &m, body).await;
    add_session(&env, &m, &teens, &first_day).await;
    let id = teens["program"]["id"].as_str().unwrap().to_owned();
    let t = env.get(&format!("/api/v1/programs/{id}/targeting"), &m).await;
    assert_eq!(t.status, StatusCode::OK, "{:?}", t.body);
    assert_eq!(names(&t.body), sorted(&["دوازده احمدی", "نوزده‌نشده احمدی", "پانزده کریمی"]));
    assert!(t.body["message"].as_str().unwrap().contains("مهارت‌های زندگی نوجوانان"));

    // Narrowed to one neighborhood.
    let patch = env
        .patch(
            &format!("/api/v1/programs/{id}"),
            &m,
            json!({ "version": teens["program"]["version"], "kind": "workshop", "domain": "cultural",
                    "topic": "مهارت‌های زندگی نوجوانان",
                    "target": { "tiers": ["at_risk"], "age_min": 12, "age_max": 18, "relations": ["child"],
                                "neighborhoods": ["نور"] } }),
        )
        .await;
    assert_eq!(patch.status, StatusCode::OK, "{:?}", patch.body);
    let t = env.get(&format!("/api/v1/programs/{id}/targeting"), &m).await.body;
    assert_eq!(names(&t), sorted(&["پانزده کریمی"]));

    // Parents of those teenagers; and couples.
    let parents = program(
        &env,
        &m,
        json!({ "kind": "lecture", "domain": "social", "topic": "گفت‌وگو با نوجوان",
                "target": { "tiers": ["at_risk"], "audience": "parents", "age_min": 12, "age_max": 18, "relations": ["child"] } }),
    )
    .await;
    add_session(&env, &m, &parents, &first_day).await;
    let t =
        env.get(&format!("/api/v1/programs/{}/targeting", parents["program"]["id"].as_str().unwrap()), &m).await.body;
    assert_eq!(names(&t), sorted(&["پدر احمدی", "مادر احمدی", "پدر کریمی"]));

    // Who attended the same topic in the last months is left out.
    let earlier = program(
        &env,
        &m,
        json!({ "kind": "workshop", "domain": "cultural", "topic": "مهارت‌های زندگی نوجوانان ", "target": {} }),
    )
    .await;
    let session = add_session(&env, &m, &earlier, &days_ago(30)).await;
    let eid = earlier["program"]["id"].as_str().unwrap();
    let reg = env
        .post(
            &format!("/api/v1/programs/{eid}/registrations"),
            &m,
            json!({ "member_ids": [member_id(&other_at_risk, "پانزده")] }),
        )
        .await;
    assert_eq!(reg.status, StatusCode::CREATED, "{:?}", reg.body);
    let registration = reg.body["items"][0]["id"].clone();
    let sid = session["program"]["sessions"][0]["id"].as_str().unwrap();
    let sheet = env
        .send(
            axum::http::Method::PUT,
            &format!("/api/v1/program-sessions/{sid}/attendance"),
            Some(&m),
            Some(json!({ "lines": [{ "registration_id": registration, "present": true }] })),
        )
        .await;
    assert_eq!(sheet.status, StatusCode::OK, "{:?}", sheet.body);
    let t = env.get(&format!("/api/v1/programs/{id}/targeting"), &m).await.body;
    assert!(names(&t).is_empty(), "the only match took the same topic a month ago: {t}");
    assert_eq!(t["recently_attended"], 1);

    // The invitation list exports as CSV; others may not see or export it.
    let csv =
        env.get(&format!("/api/v1/programs/{}/invitations.csv", parents["program"]["id"].as_str().unwrap()), &m).await;
    assert_eq!(csv.status, StatusCode::OK);
    for cookie in [&b, &env.login(&w.helper_a.username).await] {
        let r = env.get(&format!("/api/v1/programs/{id}/targeting"), cookie).await;
        assert!(matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN), "{:?}", r.body);
    }
    let _ = at_risk;
    env.finish().await;
}

async fn attendance_shows_in_the_report_and_on_the_family_page_and_earns_certificates(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let m = env.login(&w.manager_a.username).await;
    let couple =
        household(&env, &m, "صادقی", "گلستان", &[("همسر", "spouse", "female", Some(born(24, 0)))], Some("stable"))
            .await;
    let course = program(
        &env,
        &m,
        json!({ "kind": "marriage_enrichment", "domain": "social", "topic": "غنی‌سازی زندگی زناشویی",
                "target": { "tiers": ["stable", "at_risk"], "audience": "couples" }, "capacity": 3 }),
    )
    .await;
    let pid = course["program"]["id"].as_str().unwrap().to_owned();
    for d in [20, 13, 6, 1, 0] {
        add_session(&env, &m, &course, &days_ago(d)).await;
    }
    let head = member_id(&couple, "پدر");
    let spouse = member_id(&couple, "همسر");
    let reg = env
        .post(
            &format!("/api/v1/programs/{pid}/registrations"),
            &m,
            json!({ "member_ids": [head, spouse], "couple": true }),
        )
        .await;
    assert_eq!(reg.status, StatusCode::CREATED, "{:?}", reg.body);
    let regs = reg.body["items"].as_array().unwrap().clone();
    assert_eq!(regs[0]["partner_id"], regs[1]["id"], "a couple names each other");
    let walk = env
        .post(
            &format!("/api/v1/programs/{pid}/registrations"),
            &m,
            json!({ "walk_in": { "first_name": "رضا", "last_name": "مهمان", "mobile": "۰۹۱۲۱۲۳۴۵۶۷", "sex": "male" } }),
        )
        .await;
    assert_eq!(walk.status, StatusCode::CREATED, "{:?}", walk.body);
    let full = env
        .post(
            &format!("/api/v1/programs/{pid}/registrations"),
            &m,
            json!({ "walk_in": { "first_name": "یکی", "sex": "male" } }),
        )
        .await;
    assert_eq!(full.status, StatusCode::UNPROCESSABLE_ENTITY, "capacity 3: {:?}", full.body);

    // The sheet: the head at every session, the spouse at three of five,
    // the walk-in at one.
    let detail = env.get(&format!("/api/v1/programs/{pid}"), &m).await.body;
    let sessions: Vec<String> = detail["program"]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    let walk_reg = walk.body["items"][0]["id"].clone();
    for (i, sid) in sessions.iter().enumerate() {
        let lines = json!([
            { "registration_id": regs[0]["id"], "present": true },
            { "registration_id": regs[1]["id"], "present": i < 3 },
            { "registration_id": walk_reg, "present": i == 0 },
        ]);
        let r = env
            .send(
                axum::http::Method::PUT,
                &format!("/api/v1/program-sessions/{sid}/attendance"),
                Some(&m),
                Some(json!({ "lines": lines })),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    }
    let detail = env.get(&format!("/api/v1/programs/{pid}"), &m).await.body;
    let report = &detail["report"];
    assert_eq!(report["registered"], 3);
    assert_eq!(report["reached"], 3);
    assert_eq!(report["sessions_held"], 5);
    assert_eq!(report["completed"], 1, "four in five: only the head");
    assert_eq!(report["by_tier"]["stable"], 2);
    assert_eq!(report["by_tier"]["walk_in"], 1);
    assert!((report["attendance_rate"].as_f64().unwrap() - 9.0 / 15.0).abs() < 1e-9, "{report}");

    // The family's page lists the program with each member's attendance.
    let fid = couple["id"].as_str().unwrap();
    let theirs = env.get(&format!("/api/v1/families/{fid}/programs"), &m).await;
    assert_eq!(theirs.status, StatusCode::OK, "{:?}", theirs.body);
    let item = &theirs.body["items"][0];
    assert_eq!(item["program"]["topic"], "غنی‌سازی زندگی زناشویی");
    assert_eq!(item["attended"][&head], 5);
    assert_eq!(item["attended"][&spouse], 3);
    assert_eq!(item["completed"], json!([head]));
    let history = env.get(&format!("/api/v1/families/{fid}/history"), &m).await.body;
    assert!(history["items"].as_array().unwrap().iter().any(|e| e["entity"] == "program_attendance"));

    // A certificate for the head, none for the spouse.
    let cert =
        env.get(&format!("/api/v1/program-registrations/{}/certificate", regs[0]["id"].as_str().unwrap()), &m).await;
    assert_eq!(cert.status, StatusCode::OK, "{:?}", cert.body);
    assert_eq!(cert.body["attended"], 5);
    let none =
        env.get(&format!("/api/v1/program-registrations/{}/certificate", regs[1]["id"].as_str().unwrap()), &m).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", none.body);

    // The walk-in turns out to be a member: their attendance becomes the family's.
    let walk_in =
        detail["participants"].as_array().unwrap().iter().find(|p| p["walk_in"].is_object()).unwrap()["walk_in"]
            .clone();
    let other = household(&env, &m, "مهمان", "نور", &[], None).await;
    let linked = env
        .post(
            &format!("/api/v1/program-walk-ins/{}/link", walk_in["id"].as_str().unwrap()),
            &m,
            json!({ "version": walk_in["version"], "member_id": member_id(&other, "پدر") }),
        )
        .await;
    assert_eq!(linked.status, StatusCode::OK, "{:?}", linked.body);
    let theirs = env.get(&format!("/api/v1/families/{}/programs", other["id"].as_str().unwrap()), &m).await.body;
    assert_eq!(theirs["items"].as_array().unwrap().len(), 1);

    // Headquarters sees the program and the month's counts, never the participants.
    let admin = env.login(&w.admin.username).await;
    let seen = env.get(&format!("/api/v1/programs/{pid}"), &admin).await.body;
    assert_eq!(seen["participants"], Value::Null);
    assert_eq!(seen["report"], Value::Null);
    let months = env.get("/api/v1/reports/programs?months=2", &admin).await.body;
    let total: u64 = months["items"].as_array().unwrap().iter().map(|r| r["participants"].as_u64().unwrap()).sum();
    assert!(total >= 3, "{months}");
    // Another center's manager does not see it at all.
    let b = env.login(&w.manager_b.username).await;
    assert_eq!(env.get(&format!("/api/v1/programs/{pid}"), &b).await.status, StatusCode::NOT_FOUND);

    // Two more sessions planned: the course is not over, so nobody has
    // completed it yet (five of seven is under four in five).
    let next_week = (chrono::Utc::now().date_naive() + chrono::Duration::days(7)).to_string();
    let later = (chrono::Utc::now().date_naive() + chrono::Duration::days(14)).to_string();
    add_session(&env, &m, &course, &next_week).await;
    add_session(&env, &m, &course, &later).await;
    let detail = env.get(&format!("/api/v1/programs/{pid}"), &m).await.body;
    assert_eq!(detail["report"]["completed"], 0);
    assert_eq!(detail["report"]["sessions_held"], 5);
    let early =
        env.get(&format!("/api/v1/program-registrations/{}/certificate", regs[0]["id"].as_str().unwrap()), &m).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", early.body);
    env.finish().await;
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    v.sort();
    v
}
