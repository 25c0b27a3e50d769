//! Helpers through the API: from applicant through training to acceptance,
//! caseload limits, reasons for families outside the harmed tier,
//! suggestions, and access that ends with the assignment — and scope.

use crate::{
    assessments::{assess, days_ago, family},
    on_both_backends,
    support::{Backend, Env, Response, World},
};
use axum::http::{Method, StatusCode};
use hamyar_domain::role::Role;
use serde_json::{Value, json};

on_both_backends!(
    an_applicant_is_accepted_only_after_the_pre_service_hours,
    no_helper_holds_more_families_than_the_limit,
    a_helper_loses_access_the_moment_the_assignment_ends,
    suggestions_rank_skills_for_the_harms_then_neighborhood_then_room,
    a_family_merged_away_leaves_the_caseload,
);

async fn put(env: &Env, path: &str, cookie: &str, body: Value) -> Response {
    env.send(Method::PUT, path, Some(cookie), Some(body)).await
}

/// Registers an applicant at the manager's center; returns their record.
async fn applicant(env: &Env, manager: &str, first: &str, skills: Value) -> Value {
    let created = env
        .post(
            "/api/v1/helpers",
            manager,
            json!({
                "first_name": first, "last_name": "یاوری", "mobile": "۰۹۱۲ ۱۱۱ ۲۲۳۳",
                "background": "university_graduate", "field_of_study": "مددکاری اجتماعی",
                "skills": skills, "neighborhood": "محله", "availability": "عصرها",
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    created.body["helper"].clone()
}

async fn set_status(env: &Env, manager: &str, helper: &Value, status: &str, reason: &str) -> Response {
    let id = helper["id"].as_str().unwrap();
    env.post(
        &format!("/api/v1/helpers/{id}/status"),
        manager,
        json!({ "version": helper["version"], "status": status, "reason": reason }),
    )
    .await
}

async fn accept(env: &Env, manager: &str, helper: &Value, username: &str) -> Response {
    let id = helper["id"].as_str().unwrap();
    env.post(
        &format!("/api/v1/helpers/{id}/accept"),
        manager,
        json!({ "version": helper["version"], "username": username, "password": crate::support::PASSWORD }),
    )
    .await
}

/// An accepted helper at the manager's center, with a login (headquarters
/// first lowers the pre-service threshold to none, so no course is needed).
pub(crate) async fn accepted_helper(env: &Env, w: &World, manager: &str, username: &str, skills: Value) -> Value {
    let admin = env.login(&w.admin.username).await;
    let rules = env.get("/api/v1/program-rules", &admin).await.body;
    let body = json!({
        "version": rules["version"], "pre_service_hours": 0, "in_service_hours": 40,
        "caseload_max": rules["caseload_max"], "caseload_min": rules["caseload_min"], "assignment_days": 365,
    });
    let set = put(env, "/api/v1/program-rules", &admin, body).await;
    assert_eq!(set.status, StatusCode::OK, "{:?}", set.body);
    let h = applicant(env, manager, username, skills).await;
    let trained = set_status(env, manager, &h, "in_training", "").await;
    assert_eq!(trained.status, StatusCode::OK, "{:?}", trained.body);
    let done = accept(env, manager, &trained.body["helper"], username).await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.body);
    done.body["helper"].clone()
}

pub(crate) async fn assign(env: &Env, manager: &str, family_id: &str, helper: &Value, reason: &str) -> Response {
    env.post(
        &format!("/api/v1/families/{family_id}/assignments"),
        manager,
        json!({ "helper_id": helper["id"], "reason": reason }),
    )
    .await
}

async fn an_applicant_is_accepted_only_after_the_pre_service_hours(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let m = env.login("manager.a").await;
    env.user("trainer", Role::Trainer, Some(w.hq.id), None).await;
    let trainer = env.login("trainer").await;
    let admin = env.login("admin").await;

    let h = applicant(&env, &m, "سمیرا", json!(["counseling", "legal_aid"])).await;
    assert_eq!(h["status"], "applicant");
    assert_eq!(h["mobile"], "09121112233", "digits read whatever their script");
    let id = h["id"].as_str().unwrap().to_owned();
    let detail = env.get(&format!("/api/v1/helpers/{id}"), &m).await.body;
    assert_eq!(detail["next_statuses"], json!(["in_training", "inactive"]));
    assert_eq!(detail["pre_service_missing_hours"], 40.0);
    assert_eq!(detail["history"][0]["to"], "applicant");

    // Straight from applicant to accepted: not a move the plan has.
    let early = accept(&env, &m, &h, "samira").await;
    assert_eq!((early.status, early.code()), (StatusCode::CONFLICT, "status_change_not_allowed"));
    let h = set_status(&env, &m, &h, "in_training", "").await.body["helper"].clone();
    assert_eq!(h["status"], "in_training");

    // In training, without the hours: refused, saying how many are done.
    let refused = accept(&env, &m, &h, "samira").await;
    assert_eq!((refused.status, refused.code()), (StatusCode::CONFLICT, "pre_service_incomplete"));
    assert!(refused.body["error"]["message"].as_str().unwrap().contains("0 of 40 hours"), "{:?}", refused.body);

    // Headquarters sets a threshold of six hours; managers cannot.
    let rules = json!({ "pre_service_hours": 6, "in_service_hours": 30, "caseload_max": 15, "caseload_min": 5, "assignment_days": 365 });
    assert_eq!(put(&env, "/api/v1/program-rules", &m, rules.clone()).await.status, StatusCode::FORBIDDEN);
    let set = put(&env, "/api/v1/program-rules", &admin, rules.clone()).await;
    assert_eq!(set.status, StatusCode::OK, "{:?}", set.body);
    assert_eq!(set.body["version"], 1);
    let stale = put(&env, "/api/v1/program-rules", &admin, rules).await;
    assert_eq!(stale.code(), "version_conflict", "a second writer must name the version it read");
    let bad = json!({ "version": 1, "pre_service_hours": 6, "in_service_hours": 30, "caseload_max": 15, "caseload_min": 16, "assignment_days": 365 });
    let bad = put(&env, "/api/v1/program-rules", &admin, bad).await;
    assert_eq!(
        (bad.status, bad.body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("caseload_min"))
    );

    // The trainer runs a pre-service course: 4 + 2 hours.
    let course = env
        .post("/api/v1/courses", &trainer, json!({ "curriculum": "pre_service", "title": "دورهٔ پیش از خدمت" }))
        .await;
    assert_eq!(course.status, StatusCode::CREATED, "{:?}", course.body);
    let course_id = course.body["course"]["id"].as_str().unwrap().to_owned();
    let mut sessions = Vec::new();
    for (hours, topic) in [("4", "آشنایی با طرح"), ("2", "سطح‌بندی")] {
        let added = env
            .post(
                &format!("/api/v1/courses/{course_id}/sessions"),
                &trainer,
                json!({ "held_on": days_ago(3), "hours": hours.parse::<f64>().unwrap(), "mode": "in_person", "topic": topic }),
            )
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{:?}", added.body);
        sessions.push(added.body["sessions"].as_array().unwrap().last().unwrap()["id"].as_str().unwrap().to_owned());
    }
    let bad_hours = env
        .post(
            &format!("/api/v1/courses/{course_id}/sessions"),
            &trainer,
            json!({ "held_on": days_ago(1), "hours": 1.3, "mode": "online", "topic": "x" }),
        )
        .await;
    assert_eq!(bad_hours.body["error"]["field"], "hours", "quarter hours only");

    // Attendance needs enrollment; then 4 + 1.5 hours: still short.
    let sheet = |hours: f64| json!({ "entries": [{ "helper_id": id, "hours": hours }] });
    let not_enrolled =
        put(&env, &format!("/api/v1/course-sessions/{}/attendance", sessions[0]), &trainer, sheet(4.0)).await;
    assert_eq!(not_enrolled.body["error"]["field"], "helper_id");
    let enrolled =
        env.post(&format!("/api/v1/courses/{course_id}/enrollments"), &trainer, json!({ "helper_id": id })).await;
    assert_eq!(enrolled.status, StatusCode::OK, "{:?}", enrolled.body);
    assert_eq!(enrolled.body["trainees"][0]["full_name"], "سمیرا یاوری");
    let twice = json!({ "entries": [{ "helper_id": id, "hours": 1 }, { "helper_id": id, "hours": 2 }] });
    let twice = put(&env, &format!("/api/v1/course-sessions/{}/attendance", sessions[1]), &trainer, twice).await;
    assert_eq!(
        (twice.status, twice.body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("helper_id"))
    );
    let over = put(&env, &format!("/api/v1/course-sessions/{}/attendance", sessions[1]), &trainer, sheet(2.5)).await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY, "more than the session lasted");
    for (session, hours) in [(&sessions[0], 4.0), (&sessions[1], 1.5)] {
        let saved = put(&env, &format!("/api/v1/course-sessions/{session}/attendance"), &trainer, sheet(hours)).await;
        assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    }
    let h = env.get(&format!("/api/v1/helpers/{id}"), &m).await.body;
    assert_eq!(h["helper"]["pre_service_hours"], 5.5);
    assert_eq!(h["pre_service_missing_hours"], 0.5);
    let refused = accept(&env, &m, &h["helper"], "samira").await;
    assert_eq!(refused.code(), "pre_service_incomplete");
    assert!(refused.body["error"]["message"].as_str().unwrap().contains("5.5 of 6 hours"));

    // The full second session: six hours, accepted, with an account.
    let saved = put(&env, &format!("/api/v1/course-sessions/{}/attendance", sessions[1]), &trainer, sheet(2.0)).await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    let h = env.get(&format!("/api/v1/helpers/{id}"), &m).await.body;
    assert_eq!(h["next_statuses"][0], "accepted");
    let taken = accept(&env, &m, &h["helper"], "manager.b").await;
    assert_eq!(taken.code(), "duplicate_username");
    let done = accept(&env, &m, &h["helper"], "samira").await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.body);
    assert_eq!(done.body["helper"]["status"], "accepted");
    assert_eq!(done.body["helper"]["username"], "samira");
    let moves: Vec<&str> = done.body["history"].as_array().unwrap().iter().map(|c| c["to"].as_str().unwrap()).collect();
    assert_eq!(moves, ["applicant", "in_training", "accepted"]);
    assert_eq!(done.body["history"][2]["by_name"], "کاربر manager.a");
    let samira = env.login("samira").await;
    let me = env.get("/api/v1/me", &samira).await.body;
    assert_eq!((me["user"]["role"].as_str(), me["user"]["center_id"].clone()), (Some("helper"), json!(w.center_a.id)));
    let mine = env.get("/api/v1/my/families", &samira).await;
    assert_eq!(mine.body["items"], json!([]), "no family yet");
    assert_eq!(mine.body["helper"]["pre_service_hours"], 6.0);

    // Deleting a session takes its hours away (the record stays accepted).
    let session = env.get(&format!("/api/v1/courses/{course_id}"), &trainer).await.body["sessions"][1].clone();
    let gone = env
        .send(
            Method::DELETE,
            &format!("/api/v1/course-sessions/{}?version={}", session["id"].as_str().unwrap(), session["version"]),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::OK, "{:?}", gone.body);
    assert_eq!(env.get(&format!("/api/v1/helpers/{id}"), &m).await.body["helper"]["pre_service_hours"], 4.0);

    // Scope: the other center's manager and the other headquarters see
    // nothing; helpers manage nothing; the trainer reads but cannot accept.
    let b = env.login("manager.b").await;
    assert_eq!(env.get(&format!("/api/v1/helpers/{id}"), &b).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.get("/api/v1/helpers", &b).await.body["items"], json!([]));
    let qom = env.login("admin.qom").await;
    assert_eq!(env.get(&format!("/api/v1/helpers/{id}"), &qom).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.get(&format!("/api/v1/courses/{course_id}"), &qom).await.status, StatusCode::NOT_FOUND);
    let read_only = env.get(&format!("/api/v1/courses/{course_id}"), &m).await.body;
    assert_eq!(read_only["course"]["can_manage"], false, "a manager reads the headquarters' course");
    assert_eq!(env.get(&format!("/api/v1/courses/{course_id}"), &trainer).await.body["course"]["can_manage"], true);
    assert_eq!(env.get("/api/v1/courses", &qom).await.body["items"], json!([]));
    assert_eq!(env.get(&format!("/api/v1/helpers/{id}"), &admin).await.status, StatusCode::OK);
    assert_eq!(env.get(&format!("/api/v1/helpers/{id}"), &trainer).await.status, StatusCode::OK);
    let by_trainer = set_status(&env, &trainer, &done.body["helper"], "inactive", "x").await;
    assert_eq!(by_trainer.status, StatusCode::FORBIDDEN);
    let helper_a = env.login("helper.a").await;
    assert_eq!(env.get("/api/v1/helpers", &helper_a).await.body["items"], json!([]));
    let by_helper = env
        .post(
            "/api/v1/helpers",
            &helper_a,
            json!({ "first_name": "x", "last_name": "y", "background": "local_activist" }),
        )
        .await;
    assert_eq!(by_helper.status, StatusCode::FORBIDDEN);
    let own = env.get(&format!("/api/v1/helpers/{id}"), &samira).await;
    assert_eq!(own.status, StatusCode::OK, "a helper reads their own record");
    env.finish().await;
}

/// Registers `n` families at center A as the operator; returns their ids.
async fn families(env: &Env, w: &World, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let f = env.family(w.center_a.id, &format!("خانوادهٔ {i}"), "حسن", &format!("شمارهٔ {i}")).await;
        ids.push(f.id.to_string());
    }
    ids
}

async fn no_helper_holds_more_families_than_the_limit(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let m = env.login("manager.a").await;
    let h = accepted_helper(&env, &w, &m, "hamid", json!(["job_finding"])).await;
    let other = accepted_helper(&env, &w, &m, "reyhaneh", json!([])).await;
    let ids = families(&env, &w, 16).await;

    // A family that is not harmed (here: never assessed) needs a reason.
    let no_reason = assign(&env, &m, &ids[0], &h, "").await;
    assert_eq!(
        (no_reason.status, no_reason.body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("reason"))
    );
    assert!(no_reason.body["error"]["message"].as_str().unwrap().contains("harmed tier"));

    for (n, id) in ids.iter().take(15).enumerate() {
        let given = assign(&env, &m, id, &h, "سرپرست تازه بیکار شده است").await;
        assert_eq!(given.status, StatusCode::CREATED, "family {n}: {:?}", given.body);
        assert_eq!(given.body["active"], true);
    }
    let list = env.get("/api/v1/helpers?status=active", &m).await.body;
    let row = list["items"].as_array().unwrap().iter().find(|r| r["id"] == h["id"]).unwrap().clone();
    assert_eq!((row["caseload"].as_u64(), list["rules"]["caseload_max"].as_u64()), (Some(15), Some(15)));
    assert_eq!(row["status"], "active", "the first family makes an accepted helper active");
    let admin = env.login("admin").await;
    let seen_by_hq = env.get(&format!("/api/v1/helpers/{}", h["id"].as_str().unwrap()), &admin).await.body;
    assert_eq!(seen_by_hq["helper"]["caseload"], 15);
    assert_eq!(seen_by_hq["assignments"], json!([]), "headquarters sees the count, not the families");
    let seen_by_manager = env.get(&format!("/api/v1/helpers/{}", h["id"].as_str().unwrap()), &m).await.body;
    assert_eq!(seen_by_manager["assignments"].as_array().unwrap().len(), 15);

    // The sixteenth: refused, with the limit named; nothing was written.
    let sixteenth = assign(&env, &m, &ids[15], &h, "دلیل").await;
    assert_eq!((sixteenth.status, sixteenth.code()), (StatusCode::CONFLICT, "caseload_full"));
    assert!(sixteenth.body["error"]["message"].as_str().unwrap().contains("15 families"), "{:?}", sixteenth.body);
    let history = env.get(&format!("/api/v1/families/{}/assignments", ids[15]), &m).await.body;
    assert_eq!(history["items"], json!([]));
    let theirs = env.get(&format!("/api/v1/families?helper={}", h["id"].as_str().unwrap()), &m).await.body;
    assert_eq!(theirs["total"], 15);
    let waiting = env.get("/api/v1/families?helper=unassigned", &m).await.body;
    assert_eq!(waiting["total"], 2, "the sixteenth and the world's own family: {waiting:?}");

    // Reassigning one family frees a place: the old assignment ends and the
    // new one names it.
    let reassigned = assign(&env, &m, &ids[0], &other, "نزدیک‌تر به خانه").await;
    assert_eq!(reassigned.status, StatusCode::CREATED, "{:?}", reassigned.body);
    let history = env.get(&format!("/api/v1/families/{}/assignments", ids[0]), &m).await.body;
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!((items[0]["helper_id"].clone(), items[0]["active"].clone()), (other["id"].clone(), json!(true)));
    assert_eq!(items[0]["replaces_id"], items[1]["id"]);
    assert!(items[1]["ended_at"].is_string());
    assert_eq!(items[1]["end_reason"], "واگذاری به همیار دیگر / Reassigned");
    assert_eq!(
        (items[1]["ended_by_name"].as_str(), items[0]["assigned_by_name"].as_str()),
        (Some("کاربر manager.a"), Some("کاربر manager.a"))
    );
    let again = assign(&env, &m, &ids[0], &other, "x").await;
    assert_eq!(again.body["error"]["field"], "helper_id", "already with this helper");
    let sixteenth = assign(&env, &m, &ids[15], &h, "دلیل").await;
    assert_eq!(sixteenth.status, StatusCode::CREATED, "{:?}", sixteenth.body);

    // Headquarters lowers the limit: no helper above it gets another family.
    let rules = env.get("/api/v1/program-rules", &admin).await.body;
    let lower = json!({ "version": rules["version"], "pre_service_hours": 0, "in_service_hours": 40, "caseload_max": 1, "caseload_min": 0, "assignment_days": 365 });
    assert_eq!(put(&env, "/api/v1/program-rules", &admin, lower).await.status, StatusCode::OK);
    let world_family =
        env.get("/api/v1/families?helper=unassigned", &m).await.body["items"][0]["id"].as_str().unwrap().to_owned();
    let refused = assign(&env, &m, &world_family, &other, "دلیل").await;
    assert_eq!(refused.code(), "caseload_full");
    assert!(refused.body["error"]["message"].as_str().unwrap().contains("1 families"));

    // Only accepted or active helpers take families; only the manager assigns.
    let fresh = applicant(&env, &m, "نازنین", json!([])).await;
    let not_yet = assign(&env, &m, &world_family, &fresh, "دلیل").await;
    assert_eq!((not_yet.status, not_yet.code()), (StatusCode::UNPROCESSABLE_ENTITY, "helper_not_accepted"));
    let hamid = env.login("hamid").await;
    assert_eq!(assign(&env, &hamid, &ids[15], &h, "x").await.status, StatusCode::FORBIDDEN);
    let b = env.login("manager.b").await;
    assert_eq!(assign(&env, &b, &ids[15], &h, "x").await.status, StatusCode::NOT_FOUND);
    env.finish().await;
}

async fn a_helper_loses_access_the_moment_the_assignment_ends(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let m = env.login("manager.a").await;
    let h = accepted_helper(&env, &w, &m, "hamid", json!(["counseling"])).await;
    let f = family(&env, &m, "صالحی").await;
    let fid = f["id"].as_str().unwrap().to_owned();
    let harmed = assess(&env, &m, &fid, "baseline", &days_ago(30), false, json!({})).await;
    assert_eq!(harmed["tier"], "harmed");
    let other = env.family(w.center_a.id, "خانوادهٔ دیگر", "رضا", "دیگری").await.id.to_string();

    let hamid = env.login("hamid").await;
    assert_eq!(env.get(&format!("/api/v1/families/{fid}"), &hamid).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.get("/api/v1/families", &hamid).await.body["total"], 0);

    // A harmed family needs no reason. The helper sees it at once.
    let given = assign(&env, &m, &fid, &h, "").await;
    assert_eq!(given.status, StatusCode::CREATED, "{:?}", given.body);
    assert_eq!(env.get(&format!("/api/v1/families/{fid}"), &hamid).await.status, StatusCode::OK);
    let list = env.get("/api/v1/families", &hamid).await.body;
    assert_eq!((list["total"].as_u64(), list["items"][0]["id"].as_str()), (Some(1), Some(fid.as_str())));
    let mine = env.get("/api/v1/my/families", &hamid).await.body;
    assert_eq!(mine["items"][0]["family"]["tier"], "harmed");
    assert_eq!(mine["items"][0]["last_assessed_on"], days_ago(30));
    assert_eq!(mine["helper"]["caseload"], 1);
    // They re-assess it (the year-end assessment is theirs) and keep the
    // household's details (tested in `sync`), but neither rename or close
    // the file, override the tier, nor open another family.
    let draft = env.post(&format!("/api/v1/families/{fid}/assessments"), &hamid, json!({ "kind": "follow_up" })).await;
    assert_eq!(draft.status, StatusCode::CREATED, "{:?}", draft.body);
    assert_eq!(draft.body["assessor_id"], h["user_id"]);
    let draft_id = draft.body["id"].as_str().unwrap().to_owned();
    let edit = env
        .patch(&format!("/api/v1/families/{fid}"), &hamid, json!({ "version": f["version"], "family_name": "x" }))
        .await;
    assert_eq!(edit.status, StatusCode::FORBIDDEN);
    let assessment_id = harmed["id"].as_str().unwrap();
    let overridden = env
        .post(
            &format!("/api/v1/assessments/{assessment_id}/override"),
            &hamid,
            json!({ "version": harmed["version"], "tier": "stable", "reason": "x" }),
        )
        .await;
    assert!(matches!(overridden.status, StatusCode::FORBIDDEN), "{:?}", overridden.body);
    assert_eq!(env.get(&format!("/api/v1/families/{other}"), &hamid).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.get(&format!("/api/v1/families/{fid}/assignments"), &hamid).await.status, StatusCode::FORBIDDEN);

    // The manager ends the assignment: the helper's very next request,
    // with the same session, finds nothing.
    let ended = env
        .post(
            &format!("/api/v1/assignments/{}/end", given.body["id"].as_str().unwrap()),
            &m,
            json!({ "version": given.body["version"], "reason": "خانواده به محلهٔ دیگری رفت" }),
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{:?}", ended.body);
    assert_eq!(ended.body["active"], false);
    assert_eq!(env.get(&format!("/api/v1/families/{fid}"), &hamid).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.get(&format!("/api/v1/assessments/{draft_id}"), &hamid).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.get("/api/v1/families", &hamid).await.body["total"], 0);
    assert_eq!(env.get("/api/v1/my/families", &hamid).await.body["items"], json!([]));
    let late = env.post(&format!("/api/v1/families/{fid}/assessments"), &hamid, json!({})).await;
    assert_eq!(late.status, StatusCode::NOT_FOUND);
    let twice = env
        .post(
            &format!("/api/v1/assignments/{}/end", given.body["id"].as_str().unwrap()),
            &m,
            json!({ "version": 2, "reason": "x" }),
        )
        .await;
    assert_eq!(twice.code(), "version_conflict");
    let history = env.get(&format!("/api/v1/families/{fid}/history"), &m).await.body;
    assert!(history.to_string().contains("assignment"), "the family's history shows the assignment: {history}");

    // An assignment also ends when its period does.
    let again = assign(&env, &m, &fid, &h, "").await;
    assert_eq!(again.status, StatusCode::CREATED, "{:?}", again.body);
    assert_eq!(env.get(&format!("/api/v1/families/{fid}"), &hamid).await.status, StatusCode::OK);
    env.clock.advance(chrono::Duration::days(366));
    let hamid = env.login("hamid").await;
    assert_eq!(env.get(&format!("/api/v1/families/{fid}"), &hamid).await.status, StatusCode::NOT_FOUND, "past its end");
    let m = env.login("manager.a").await;
    let history = env.get(&format!("/api/v1/families/{fid}/assignments"), &m).await.body;
    assert_eq!(history["items"][0]["active"], false);

    // Going inactive ends every assignment and closes the account at once.
    env.clock.advance(chrono::Duration::days(-366));
    let m = env.login("manager.a").await;
    let hamid = env.login("hamid").await;
    let record = env.get(&format!("/api/v1/helpers/{}", h["id"].as_str().unwrap()), &m).await.body;
    let ext = env
        .patch(
            &format!("/api/v1/assignments/{}", again.body["id"].as_str().unwrap()),
            &m,
            json!({ "version": again.body["version"], "ends_on": iran_today() }),
        )
        .await;
    assert_eq!(ext.status, StatusCode::OK, "{:?}", ext.body);
    let no_reason = set_status(&env, &m, &record["helper"], "inactive", "").await;
    assert_eq!(no_reason.body["error"]["field"], "reason");
    let retired = set_status(&env, &m, &record["helper"], "inactive", "ادامهٔ تحصیل در شهر دیگر").await;
    assert_eq!(retired.status, StatusCode::OK, "{:?}", retired.body);
    assert!(retired.body["assignments"].as_array().unwrap().iter().all(|a| a["ended_at"].is_string()));
    let after = env.get(&format!("/api/v1/families/{fid}"), &hamid).await;
    assert!(matches!(after.code(), "account_disabled" | "session_expired"), "{:?}", after.body);
    assert_eq!(env.try_login("hamid", crate::support::PASSWORD).await.code(), "account_disabled");
    env.finish().await;
}

async fn suggestions_rank_skills_for_the_harms_then_neighborhood_then_room(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let m = env.login("manager.a").await;
    // Same neighborhood («محله», as the family below), no matching skill.
    let near = accepted_helper(&env, &w, &m, "near", json!([])).await;
    // A counselor from elsewhere: domestic violence and family breakdown
    // call for counseling.
    let admin = env.login("admin").await;
    let counselor = accepted_helper(&env, &w, &m, "counselor", json!(["counseling", "legal_aid"])).await;
    let moved = env
        .patch(
            &format!("/api/v1/helpers/{}", counselor["id"].as_str().unwrap()),
            &m,
            json!({ "version": counselor["version"], "first_name": "counselor", "last_name": "یاوری", "background": "university_graduate", "skills": ["counseling", "legal_aid"], "neighborhood": "جای دیگر" }),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{:?}", moved.body);
    let f = family(&env, &m, "سلیمانی").await;
    let fid = f["id"].as_str().unwrap().to_owned();
    let moved_family = env
        .patch(&format!("/api/v1/families/{fid}"), &m, json!({ "version": f["version"], "neighborhood": "محله" }))
        .await;
    assert_eq!(moved_family.status, StatusCode::OK, "{:?}", moved_family.body);
    let worst = assess(&env, &m, &fid, "baseline", &days_ago(5), false, json!({})).await;
    assert_eq!(worst["tier"], "harmed");

    let s = env.get(&format!("/api/v1/families/{fid}/helper-suggestions"), &m).await;
    assert_eq!(s.status, StatusCode::OK, "{:?}", s.body);
    assert_eq!(s.body["tier"], "harmed");
    assert!(!s.body["harms"].as_array().unwrap().is_empty());
    let order: Vec<&str> =
        s.body["suggestions"].as_array().unwrap().iter().map(|g| g["helper"]["username"].as_str().unwrap()).collect();
    assert_eq!(order, ["counselor", "near"], "{:?}", s.body);
    assert_eq!(s.body["suggestions"][0]["matching_skills"], json!(["counseling", "legal_aid"]));
    assert_eq!(s.body["suggestions"][1]["same_neighborhood"], true);
    assert_eq!(s.body["suggestions"][1]["matching_skills"], json!([]));

    // A full helper is last and marked full; the current helper is not offered.
    let rules = env.get("/api/v1/program-rules", &admin).await.body;
    let one = json!({ "version": rules["version"], "pre_service_hours": 0, "in_service_hours": 40, "caseload_max": 1, "caseload_min": 0, "assignment_days": 365 });
    assert_eq!(put(&env, "/api/v1/program-rules", &admin, one).await.status, StatusCode::OK);
    let filler = env.family(w.center_a.id, "خانوادهٔ پرکن", "رضا", "پرکن").await.id.to_string();
    assert_eq!(assign(&env, &m, &filler, &counselor, "دلیل").await.status, StatusCode::CREATED);
    let s = env.get(&format!("/api/v1/families/{fid}/helper-suggestions"), &m).await.body;
    let order: Vec<(&str, bool)> = s["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["helper"]["username"].as_str().unwrap(), g["full"].as_bool().unwrap()))
        .collect();
    assert_eq!(order, [("near", false), ("counselor", true)]);
    assert_eq!(assign(&env, &m, &fid, &near, "").await.status, StatusCode::CREATED);
    let s = env.get(&format!("/api/v1/families/{fid}/helper-suggestions"), &m).await.body;
    assert!(s["suggestions"].as_array().unwrap().iter().all(|g| g["helper"]["id"] != near["id"]));
    let helper_a = env.login("helper.a").await;
    assert_eq!(
        env.get(&format!("/api/v1/families/{fid}/helper-suggestions"), &helper_a).await.status,
        StatusCode::NOT_FOUND
    );
    env.finish().await;
}

async fn a_family_merged_away_leaves_the_caseload(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let m = env.login("manager.a").await;
    let h = accepted_helper(&env, &w, &m, "hamid", json!([])).await;
    let head = |first: &str, last: &str| json!({ "head": { "first_name": first, "last_name": last, "father_name": "حسن", "birth_date": "1980-04-01", "sex": "male" } });
    let kept = env.post("/api/v1/families", &m, head("علی", "رضایی")).await.body;
    // The same household registered again, spelled the Arabic way, and given to the helper.
    let again = env.post("/api/v1/families", &m, head("علي", "رضائي")).await.body;
    let again_id = again["id"].as_str().unwrap();
    assert_eq!(assign(&env, &m, again_id, &h, "دلیل").await.status, StatusCode::CREATED);
    assert_eq!(hamid_caseload(&env, &m).await, 1);
    let merge = json!({ "keep_member_id": kept["members"][0]["id"], "drop_member_id": again["members"][0]["id"] });
    let merged = env.post("/api/v1/families/duplicates/merge", &m, merge).await;
    assert_eq!(merged.status, StatusCode::OK, "{:?}", merged.body);
    assert_eq!(hamid_caseload(&env, &m).await, 0, "the closed registration no longer counts");
    let hamid = env.login("hamid").await;
    assert_eq!(env.get("/api/v1/my/families", &hamid).await.body["items"], json!([]));
    env.finish().await;
}

async fn hamid_caseload(env: &Env, manager: &str) -> Value {
    let list = env.get("/api/v1/helpers", manager).await.body;
    list["items"].as_array().unwrap().iter().find(|r| r["username"] == "hamid").unwrap()["caseload"].clone()
}

/// Today as the server counts days (Iran's, UTC+03:30).
fn iran_today() -> String {
    (chrono::Utc::now() + chrono::Duration::minutes(210)).date_naive().to_string()
}
