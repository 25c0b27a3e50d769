//! Assessments through the API: drafts, finalizing, corrections, overrides,
//! the family's tier, instrument versions, reclassification and the
//! transition matrix — and who may see what.

use crate::{
    on_both_backends,
    support::{Backend, Env, Response, World},
};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

on_both_backends!(
    a_family_assessed_at_baseline_and_end_of_plan_lands_in_the_right_cell,
    final_assessments_never_change_and_corrections_and_overrides_keep_both_tiers,
    headquarters_publishes_versions_and_reclassification_previews_then_applies,
    assessments_and_reports_stay_inside_their_scope,
);

/// A family with a head, a spouse and a ten-year-old, registered by manager A.
pub(crate) async fn family(env: &Env, cookie: &str, name: &str) -> Value {
    let ten_years_ago = (chrono::Utc::now().date_naive() - chrono::Days::new(3700)).to_string();
    let created = env
        .post(
            "/api/v1/families",
            cookie,
            json!({ "family_name": name, "head": { "first_name": "حسین", "last_name": name, "sex": "male", "birth_date": "1980-01-01" } }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    for (first, relation, sex, born) in
        [("مریم", "spouse", "female", "1984-02-02"), ("سینا", "child", "male", ten_years_ago.as_str())]
    {
        let added = env
            .post(
                &format!("/api/v1/families/{id}/members"),
                cookie,
                json!({ "first_name": first, "last_name": name, "relation": relation, "sex": sex, "birth_date": born }),
            )
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{:?}", added.body);
    }
    env.get(&format!("/api/v1/families/{id}"), cookie).await.body
}

/// The options of an indicator of an instrument document.
fn options<'a>(instrument: &'a Value, indicator: &str) -> &'a Vec<Value> {
    instrument["instrument"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == indicator)
        .unwrap_or_else(|| panic!("indicator {indicator}"))["options"]
        .as_array()
        .unwrap()
}

fn value_of(option: &Value) -> String {
    option.get("value").and_then(Value::as_str).map(str::to_owned).unwrap_or_else(|| option["min"].to_string())
}

/// Answers to everything a draft still misses: the best answer of each
/// question, or the worst.
pub(crate) async fn answer_all(env: &Env, cookie: &str, draft: &Value, best: bool) -> Value {
    let instrument =
        env.get(&format!("/api/v1/instruments/{}", draft["instrument"]["id"].as_str().unwrap()), cookie).await;
    assert_eq!(instrument.status, StatusCode::OK, "{:?}", instrument.body);
    let mut answers = draft["answers"].clone();
    for missing in draft["missing"].as_array().unwrap() {
        let indicator = missing["indicator"].as_str().unwrap();
        let by_score = |o: &&Value| (o["score"].as_f64().unwrap() * 10.0) as i64;
        let chosen = if best {
            options(&instrument.body, indicator).iter().max_by_key(by_score)
        } else {
            options(&instrument.body, indicator).iter().min_by_key(by_score)
        };
        let value = value_of(chosen.unwrap());
        match missing["member"].as_str() {
            None => answers["family"][indicator] = json!(value),
            Some(member) => {
                if answers["members"].get(member).is_none() {
                    answers["members"][member] = json!({});
                }
                answers["members"][member][indicator] = json!(value);
            }
        }
    }
    answers
}

async fn start(env: &Env, cookie: &str, family_id: &str, body: Value) -> Response {
    env.post(&format!("/api/v1/families/{family_id}/assessments"), cookie, body).await
}

/// Starts, completes and finalizes an assessment; returns it.
pub(crate) async fn assess(
    env: &Env,
    cookie: &str,
    family_id: &str,
    kind: &str,
    on: &str,
    best: bool,
    extra: Value,
) -> Value {
    let mut body = json!({ "kind": kind, "assessed_on": on });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let draft = start(env, cookie, family_id, body).await;
    assert_eq!(draft.status, StatusCode::CREATED, "{:?}", draft.body);
    let answers = answer_all(env, cookie, &draft.body, best).await;
    let id = draft.body["id"].as_str().unwrap();
    let saved = env
        .patch(
            &format!("/api/v1/assessments/{id}"),
            cookie,
            json!({ "version": draft.body["version"], "answers": answers }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    assert_eq!(saved.body["missing"], json!([]));
    let done = env
        .post(&format!("/api/v1/assessments/{id}/finalize"), cookie, json!({ "version": saved.body["version"] }))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.body);
    done.body
}

pub(crate) fn days_ago(n: u64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Days::new(n)).to_string()
}

async fn a_family_assessed_at_baseline_and_end_of_plan_lands_in_the_right_cell(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let m = env.login("manager.a").await;
    let f = family(&env, &m, "باقری").await;
    let fid = f["id"].as_str().unwrap();
    assert_eq!(f["tier"], Value::Null, "not assessed yet");

    // A draft scores as it goes, and names what is still unanswered.
    let draft = start(&env, &m, fid, json!({ "assessed_on": days_ago(400) })).await;
    assert_eq!(draft.status, StatusCode::CREATED, "{:?}", draft.body);
    assert_eq!(draft.body["kind"], "baseline", "a family's first assessment is its baseline");
    assert_eq!(draft.body["status"], "draft");
    assert_eq!(draft.body["instrument"]["code"], "hamyar-default");
    let missing = draft.body["missing"].as_array().unwrap();
    let sina = f["members"].as_array().unwrap().iter().find(|m| m["first_name"] == "سینا").unwrap()["id"].clone();
    assert!(missing.iter().any(|x| x["indicator"] == "social.schooling" && x["member"] == sina), "asked of the child");
    assert!(
        !missing.iter().any(|x| x["indicator"] == "social.schooling" && x["member"] != sina),
        "schooling is not asked of the adults"
    );
    let id = draft.body["id"].as_str().unwrap();
    let partial = env
        .patch(
            &format!("/api/v1/assessments/{id}"),
            &m,
            json!({ "version": 1, "answers": { "family": { "social.cohesion": "۲" } } }),
        )
        .await;
    assert_eq!(partial.status, StatusCode::OK, "{:?}", partial.body);
    assert_eq!(partial.body["answers"]["family"]["social.cohesion"], "2", "Persian digits read");
    assert_eq!(partial.body["domain_scores"]["social"], 25.0);
    assert_eq!(partial.body["computed_tier"], Value::Null, "no tier until every domain has an answer");
    let bad = env
        .patch(
            &format!("/api/v1/assessments/{id}"),
            &m,
            json!({ "version": 2, "answers": { "family": { "social.cohesion": "9" } } }),
        )
        .await;
    assert_eq!((bad.status, bad.code()), (StatusCode::UNPROCESSABLE_ENTITY, "validation"));
    assert!(bad.body["error"]["message"].as_str().unwrap().contains("social.cohesion"));
    let early = env.post(&format!("/api/v1/assessments/{id}/finalize"), &m, json!({ "version": 2 })).await;
    assert_eq!((early.status, early.code()), (StatusCode::UNPROCESSABLE_ENTITY, "assessment_incomplete"));
    let gone = env.send(Method::DELETE, &format!("/api/v1/assessments/{id}?version=2"), Some(&m), None).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);

    // Baseline: the worst answers (harmed); end of plan: the best (stable).
    let baseline = assess(&env, &m, fid, "baseline", &days_ago(400), false, json!({})).await;
    assert_eq!(baseline["tier"], "harmed");
    assert!(baseline["harms"].as_array().unwrap().iter().any(|h| h["critical"] == true));
    assert_eq!(baseline["current"], true);
    let list = env.get("/api/v1/families?tier=harmed", &m).await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(list.body["items"][0]["tier"], "harmed");
    let unassessed = env.get("/api/v1/families?tier=unassessed", &m).await;
    assert_eq!(unassessed.body["total"], 1, "the world's own family only: {:?}", unassessed.body);

    let helper = w.helper_a.id.to_string();
    let end = assess(&env, &m, fid, "end_of_plan", &days_ago(10), true, json!({ "assessor_id": helper })).await;
    assert_eq!(end["tier"], "stable");
    assert_eq!(end["assessor_id"], helper.as_str());
    assert_eq!(end["assessor_name"], "کاربر helper.a");
    let child = end["members"].as_array().unwrap().iter().find(|m| m["id"] == sina).unwrap().clone();
    assert_eq!((child["name"].as_str(), child["age"].as_u64()), (Some("سینا باقری"), Some(10)), "age on the day");
    let detail = env.get(&format!("/api/v1/families/{fid}"), &m).await;
    assert_eq!(detail.body["tier"], "stable", "the latest final assessment gives the tier");

    // Baseline harmed × end of plan stable: row 2, column 0.
    let report = env.get("/api/v1/reports/transitions", &m).await;
    assert_eq!(report.status, StatusCode::OK, "{:?}", report.body);
    assert_eq!(report.body["total"]["cells"], json!([[0, 0, 0], [0, 0, 0], [1, 0, 0]]));
    assert_eq!(report.body["total"]["improved"], 1);
    assert_eq!(report.body["total"]["row_percentages"][2][0], 100.0);
    let by_helper = env.get("/api/v1/reports/transitions?by=assessor", &m).await;
    assert_eq!(by_helper.body["groups"][0]["id"], helper.as_str());
    assert_eq!(by_helper.body["groups"][0]["name"], "کاربر helper.a");
    let before = env.get(&format!("/api/v1/reports/transitions?to={}", days_ago(30)), &m).await;
    assert_eq!(before.body["total"]["families"], 0, "no end of plan in that period");
    let other = env.get(&format!("/api/v1/reports/transitions?assessor_id={}", w.manager_a.id), &m).await;
    assert_eq!(other.body["total"]["families"], 0);
    let bad_group = env.get("/api/v1/reports/transitions?by=tier", &m).await;
    assert_eq!(bad_group.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Headquarters sees the same, in aggregate, per center.
    let admin = env.login("admin").await;
    let hq = env.get("/api/v1/reports/transitions?by=center", &admin).await;
    assert_eq!(hq.body["total"]["cells"][2][0], 1);
    assert_eq!(hq.body["groups"][0]["name"], "مرکز الف");
    let tiers = env.get("/api/v1/reports/tiers", &admin).await;
    assert_eq!(tiers.body["total"]["stable"], 1);
    assert_eq!(tiers.body["total"]["unassessed"], 2, "one family in each center");
    assert_eq!(tiers.body["centers"].as_array().unwrap().len(), 2);
    let elsewhere = env.login("admin.qom").await;
    let theirs = env.get("/api/v1/reports/transitions", &elsewhere).await;
    assert_eq!(theirs.body["total"]["families"], 0);
    env.finish().await;
}

async fn final_assessments_never_change_and_corrections_and_overrides_keep_both_tiers(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let m = env.login("manager.a").await;
    let f = family(&env, &m, "تقوی").await;
    let fid = f["id"].as_str().unwrap();
    let first = assess(&env, &m, fid, "baseline", &days_ago(30), true, json!({})).await;
    let id = first["id"].as_str().unwrap();
    assert_eq!(first["tier"], "stable");

    let edit = env
        .patch(&format!("/api/v1/assessments/{id}"), &m, json!({ "version": first["version"], "answers": {} }))
        .await;
    assert_eq!((edit.status, edit.code()), (StatusCode::CONFLICT, "assessment_final"));
    let delete = env.send(Method::DELETE, &format!("/api/v1/assessments/{id}?version=2"), Some(&m), None).await;
    assert_eq!(delete.code(), "assessment_final");

    // A correction needs a reason and starts from the corrected answers.
    let no_reason = start(&env, &m, fid, json!({ "corrects": id })).await;
    assert_eq!(
        (no_reason.status, no_reason.body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("correction_reason"))
    );
    let correction =
        start(&env, &m, fid, json!({ "corrects": id, "correction_reason": "پاسخ درآمد اشتباه وارد شده بود" })).await;
    assert_eq!(correction.status, StatusCode::CREATED, "{:?}", correction.body);
    assert_eq!(correction.body["kind"], "baseline");
    assert_eq!(correction.body["answers"], first["answers"]);
    assert_eq!(correction.body["missing"], json!([]));
    let cid = correction.body["id"].as_str().unwrap();
    let mut answers = correction.body["answers"].clone();
    answers["family"]["economic.income"] = json!("1");
    answers["family"]["economic.employment"] = json!("1");
    let saved = env.patch(&format!("/api/v1/assessments/{cid}"), &m, json!({ "version": 1, "answers": answers })).await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    let done = env.post(&format!("/api/v1/assessments/{cid}/finalize"), &m, json!({ "version": 2 })).await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.body);
    let corrected_tier = done.body["tier"].as_str().unwrap().to_owned();
    assert_ne!(corrected_tier, "stable", "{:?}", done.body["domain_scores"]);
    let old = env.get(&format!("/api/v1/assessments/{id}"), &m).await;
    assert_eq!(old.body["superseded_by"], cid);
    assert_eq!(old.body["current"], false);
    let again = start(&env, &m, fid, json!({ "corrects": id, "correction_reason": "دوباره" })).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "a corrected assessment is not corrected twice");
    assert_eq!(env.get(&format!("/api/v1/families/{fid}"), &m).await.body["tier"], corrected_tier.as_str());

    // The manager's tier stands beside the computed one, with the reason.
    let version = done.body["version"].clone();
    let bare = env
        .post(
            &format!("/api/v1/assessments/{cid}/override"),
            &m,
            json!({ "version": version, "tier": "harmed", "reason": "" }),
        )
        .await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    let overridden = env
        .post(
            &format!("/api/v1/assessments/{cid}/override"),
            &m,
            json!({ "version": version, "tier": "harmed", "reason": "پدر خانواده هفتهٔ پیش بازداشت شد" }),
        )
        .await;
    assert_eq!(overridden.status, StatusCode::OK, "{:?}", overridden.body);
    assert_eq!(overridden.body["tier"], "harmed");
    assert_eq!(overridden.body["computed_tier"], corrected_tier.as_str());
    assert_eq!(overridden.body["tier_override"]["reason"], "پدر خانواده هفتهٔ پیش بازداشت شد");
    assert_eq!(overridden.body["tier_override"]["by_name"], "کاربر manager.a");
    assert_eq!(env.get(&format!("/api/v1/families/{fid}"), &m).await.body["tier"], "harmed");
    let history = env.get(&format!("/api/v1/families/{fid}/tier-history"), &m).await;
    let items = history.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "the superseded assessment is not in the history: {items:?}");
    assert_eq!(items[0]["override_reason"], "پدر خانواده هفتهٔ پیش بازداشت شد");
    // Every step is in the family's change log.
    let log = env.get(&format!("/api/v1/families/{fid}/history"), &m).await;
    let assessment_entries =
        log.body["items"].as_array().unwrap().iter().filter(|e| e["entity"] == "assessment").count();
    assert!(assessment_entries >= 6, "{assessment_entries}");
    env.finish().await;
}

async fn headquarters_publishes_versions_and_reclassification_previews_then_applies(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let m = env.login("manager.a").await;
    let admin = env.login("admin").await;
    // Two stable families; one of them less than perfect in economics.
    let f = family(&env, &m, "حیدری").await;
    assess(&env, &m, f["id"].as_str().unwrap(), "baseline", &days_ago(5), true, json!({})).await;
    let f = family(&env, &m, "جلالی").await;
    let draft = start(&env, &m, f["id"].as_str().unwrap(), json!({})).await;
    let mut answers = answer_all(&env, &m, &draft.body, true).await;
    answers["family"]["economic.income"] = json!("3");
    let id = draft.body["id"].as_str().unwrap();
    env.patch(&format!("/api/v1/assessments/{id}"), &m, json!({ "version": 1, "answers": answers })).await;
    let done = env.post(&format!("/api/v1/assessments/{id}/finalize"), &m, json!({ "version": 2 })).await;
    assert_eq!(done.body["tier"], "stable", "{:?}", done.body);
    assert!(done.body["domain_scores"]["economic"].as_f64().unwrap() < 99.0);
    let default =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../instruments/default.toml")).unwrap();

    let broken = default.replacen("weight = 2", "weight = -1", 1);
    let check = env.post("/api/v1/instruments/check", &admin, json!({ "source": broken })).await;
    assert_eq!(check.body["valid"], false);
    let line = broken.lines().position(|l| l.contains("weight = -1")).unwrap() + 1;
    assert_eq!(check.body["problems"][0]["line"], line);
    let refused = env.post("/api/v1/instruments", &admin, json!({ "source": broken })).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::UNPROCESSABLE_ENTITY, "instrument_invalid"));
    assert!(refused.body["error"]["message"].as_str().unwrap().contains(&format!("line {line}")));
    let same = env.post("/api/v1/instruments", &admin, json!({ "source": default })).await;
    assert_eq!((same.status, same.code()), (StatusCode::CONFLICT, "instrument_version_taken"));

    // Version 2 is stricter: below 99 in any domain is harmed.
    let strict = default
        .replacen("version = 1", "version = 2", 1)
        .replacen("harmed_below = 40", "harmed_below = 99", 1)
        .replacen("at_risk_below = 60", "at_risk_below = 99.5", 1);
    assert!(strict.contains("harmed_below = 99"));
    let by_manager = env.post("/api/v1/instruments", &m, json!({ "source": strict })).await;
    assert_eq!(by_manager.status, StatusCode::FORBIDDEN);
    let published = env.post("/api/v1/instruments", &admin, json!({ "source": strict })).await;
    assert_eq!(published.status, StatusCode::CREATED, "{:?}", published.body);
    let v2 = published.body["id"].as_str().unwrap().to_owned();
    let list = env.get("/api/v1/instruments", &m).await;
    assert_eq!(list.body["current_id"], v2.as_str(), "new assessments use version 2");
    assert_eq!(list.body["items"].as_array().unwrap().len(), 2);

    let preview = env.post(&format!("/api/v1/instruments/{v2}/reclassification/preview"), &admin, json!({})).await;
    assert_eq!(preview.status, StatusCode::OK, "{:?}", preview.body);
    assert_eq!(preview.body["families_scored"], 2);
    assert_eq!(preview.body["run_id"], Value::Null);
    let changed = preview.body["families_changed"].as_u64().unwrap();
    assert_eq!(changed, 1, "{:?}", preview.body);
    assert_eq!(preview.body["transitions"], json!([{ "from": "stable", "to": "harmed", "families": 1 }]));
    assert_eq!(env.get("/api/v1/families?tier=stable", &m).await.body["total"], 2, "a preview writes nothing");
    assert_eq!(
        env.post(&format!("/api/v1/instruments/{v2}/reclassification/preview"), &m, json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    let other = env.login("admin.qom").await;
    let theirs = env.post(&format!("/api/v1/instruments/{v2}/reclassification/preview"), &other, json!({})).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND, "another headquarters' instrument");

    let applied = env.post(&format!("/api/v1/instruments/{v2}/reclassification"), &admin, json!({})).await;
    assert_eq!(applied.status, StatusCode::OK, "{:?}", applied.body);
    assert_eq!(applied.body["families_changed"].as_u64().unwrap(), changed);
    assert!(applied.body["run_id"].is_string());
    assert_eq!(env.get("/api/v1/families?tier=stable", &m).await.body["total"].as_u64().unwrap(), 2 - changed);
    let twice = env.post(&format!("/api/v1/instruments/{v2}/reclassification"), &admin, json!({})).await;
    assert_eq!(twice.body["families_changed"], 0, "the second run changes nothing");
    let runs = env.get("/api/v1/reclassifications", &admin).await;
    assert_eq!(runs.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(runs.body["items"][1]["transitions"], json!([{ "from": "stable", "to": "harmed", "families": 1 }]));
    let moved = env.get("/api/v1/families?tier=harmed", &m).await;
    let fid = moved.body["items"][0]["id"].as_str().unwrap();
    let history = env.get(&format!("/api/v1/families/{fid}/tier-history"), &m).await;
    let sources: Vec<&str> =
        history.body["items"].as_array().unwrap().iter().map(|e| e["source"].as_str().unwrap()).collect();
    assert_eq!(sources, vec!["assessment", "reclassification"]);
    env.finish().await;
}

async fn assessments_and_reports_stay_inside_their_scope(backend: Backend) {
    let env = Env::new(backend).await;
    let World { manager_b, .. } = env.world().await;
    let m = env.login("manager.a").await;
    let f = family(&env, &m, "خسروی").await;
    let fid = f["id"].as_str().unwrap();
    let first = assess(&env, &m, fid, "baseline", &days_ago(3), true, json!({})).await;
    let id = first["id"].as_str().unwrap();
    for user in ["manager.b", "helper.a", "admin", "admin.qom"] {
        let c = env.login(user).await;
        for path in [
            format!("/api/v1/assessments/{id}"),
            format!("/api/v1/families/{fid}/assessments"),
            format!("/api/v1/families/{fid}/tier-history"),
        ] {
            assert_eq!(env.get(&path, &c).await.status, StatusCode::NOT_FOUND, "{user} {path}");
        }
        let started = start(&env, &c, fid, json!({})).await;
        assert_eq!(started.status, StatusCode::NOT_FOUND, "{user} starts nothing");
        let o = env
            .post(
                &format!("/api/v1/assessments/{id}/override"),
                &c,
                json!({ "version": 2, "tier": "harmed", "reason": "بی‌دلیل" }),
            )
            .await;
        assert_eq!(o.status, StatusCode::NOT_FOUND, "{user} overrides nothing");
    }
    let helper = env.login("helper.a").await;
    assert_eq!(env.get("/api/v1/reports/transitions", &helper).await.status, StatusCode::FORBIDDEN);
    assert_eq!(env.get("/api/v1/reports/tiers", &helper).await.status, StatusCode::FORBIDDEN);
    // A manager's reports cover their own center only.
    let b = env.login("manager.b").await;
    let theirs = env.get("/api/v1/reports/tiers", &b).await;
    assert_eq!(theirs.body["centers"].as_array().unwrap().len(), 1);
    assert_eq!(theirs.body["total"]["stable"], 0);
    let foreign =
        env.get(&format!("/api/v1/reports/transitions?center_id={}", f["center_id"].as_str().unwrap()), &b).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    // Another center's user cannot be named as the assessor.
    let wrong = start(&env, &m, fid, json!({ "assessor_id": manager_b.id })).await;
    assert_eq!(
        (wrong.status, wrong.body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("assessor_id"))
    );
    let future = start(
        &env,
        &m,
        fid,
        json!({ "assessed_on": (chrono::Utc::now().date_naive() + chrono::Days::new(3)).to_string() }),
    )
    .await;
    assert_eq!(future.body["error"]["field"], "assessed_on");
    env.finish().await;
}
