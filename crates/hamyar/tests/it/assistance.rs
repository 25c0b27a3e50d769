//! Focused assistance through the API: the service log and the assistance
//! calendar (online and offline through sync), the resource directory,
//! referrals that only their receiver sees, and commissions whose members
//! see only their own cases — meetings, decisions, tasks, and a task's
//! completion in the family's timeline.

use crate::{
    assessments::{assess, days_ago, family},
    helpers::{accepted_helper, assign},
    on_both_backends,
    support::{Backend, Env, World},
    sync::{Phone, results},
};
use axum::http::{Method, StatusCode};
use hamyar_domain::role::Role;
use serde_json::{Value, json};
use uuid::Uuid;

on_both_backends!(
    a_helper_offline_logs_services_and_keeps_the_calendar_and_the_manager_sees_them,
    services_are_append_only_and_every_input_is_checked,
    a_specialist_sees_only_the_cases_referred_to_them,
    a_commission_member_sees_only_their_commissions_cases,
    a_meeting_divides_tasks_and_a_done_task_shows_in_the_family_timeline,
);

/// Manager A's center: a harmed family (assessed at its worst) held by an
/// accepted helper.
struct Casework {
    w: World,
    manager: String,
    helper: String,
    family: Value,
    family_id: String,
}

impl Casework {
    async fn new(env: &Env) -> Casework {
        let w = env.world().await;
        let manager = env.login(&w.manager_a.username).await;
        let helper_record = accepted_helper(env, &w, &manager, "helper.zahra", json!(["counseling"])).await;
        let family = family(env, &manager, "رضایی").await;
        let family_id = family["id"].as_str().unwrap().to_owned();
        assess(env, &manager, &family_id, "baseline", &days_ago(3), false, json!({})).await;
        let given = assign(env, &manager, &family_id, &helper_record, "پیگیری").await;
        assert_eq!(given.status, StatusCode::CREATED, "{:?}", given.body);
        let helper = env.login("helper.zahra").await;
        Casework { w, manager, helper, family, family_id }
    }

    fn member(&self, i: usize) -> String {
        self.family["members"][i]["id"].as_str().unwrap().to_owned()
    }

    async fn assistance(&self, env: &Env, cookie: &str) -> Value {
        let r = env.get(&format!("/api/v1/families/{}/assistance", self.family_id), cookie).await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        r.body
    }

    async fn resource(&self, env: &Env, body: Value) -> Value {
        let r = env.post("/api/v1/resources", &self.manager, body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
        r.body
    }
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_owned()).collect()
}

async fn a_helper_offline_logs_services_and_keeps_the_calendar_and_the_manager_sees_them(backend: Backend) {
    let env = Env::new(backend).await;
    let c = Casework::new(&env).await;
    let mut phone = Phone::register(&env, &c.helper).await;
    let first = phone.pull(&env).await;
    let sent = &first[0]["assistance"];
    assert_eq!(sent.as_array().unwrap().len(), 1, "the family's assistance travels with it");
    let harm = sent[0]["harms"][0].clone();
    assert!(harm["indicator"].is_string(), "the harms of the latest assessment reach the phone: {sent}");

    let f = c.family_id.as_str();
    let (service, goal, activity, done_service, planned) =
        (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(1)).to_string();
    let next_week = (chrono::Utc::now().date_naive() + chrono::Days::new(7)).to_string();
    let in_three_days = (chrono::Utc::now().date_naive() + chrono::Days::new(3)).to_string();
    let batch = vec![
        phone.mutation(
            "service",
            &service.to_string(),
            f,
            "create",
            None,
            json!({ "kind": "face_to_face", "domain": "social", "served_on": days_ago(1), "minutes": 45,
                    "member_ids": [c.member(0)], "notes": "دیدار در خانه", "outcome": "گفت‌وگوی خوب",
                    "follow_up_on": tomorrow }),
        ),
        phone.mutation(
            "plan_goal",
            &goal.to_string(),
            f,
            "create",
            None,
            json!({ "domain": "economic", "title": "درآمد پایدار", "harm_indicator": harm["indicator"],
                    "harm_member_id": harm["member_id"] }),
        ),
        phone.mutation(
            "plan_activity",
            &activity.to_string(),
            f,
            "create",
            None,
            json!({ "goal_id": goal, "kind": "connection", "domain": "economic", "title": "معرفی به کارفرما",
                    "due_on": tomorrow }),
        ),
        phone.mutation(
            "plan_activity",
            &planned.to_string(),
            f,
            "create",
            None,
            json!({ "goal_id": goal, "kind": "counseling", "domain": "economic", "title": "مشاورهٔ شغلی",
                    "due_on": tomorrow }),
        ),
    ];
    let answers = results(&phone.push(&env, &batch).await);
    assert!(answers.iter().all(|(r, _)| r == "applied"), "{answers:?}");
    // Then, still offline: the first activity rescheduled, the second done
    // with its service in one step, and an unknown field refused (kept).
    let later = vec![
        phone.mutation("plan_activity", &activity.to_string(), f, "update", Some(1), json!({ "due_on": next_week })),
        phone.mutation(
            "plan_activity",
            &planned.to_string(),
            f,
            "complete",
            Some(1),
            json!({ "notes": "انجام شد", "service": { "id": done_service, "kind": "counseling", "domain": "economic",
                    "served_on": days_ago(0), "minutes": 30 } }),
        ),
        phone.mutation(
            "service",
            &Uuid::now_v7().to_string(),
            f,
            "create",
            None,
            json!({ "kind": "other", "colour": "red" }),
        ),
    ];
    let answers = results(&phone.push(&env, &later).await);
    assert_eq!(answers[0].0, "applied", "{:?}", answers[0].1);
    assert_eq!(answers[1].0, "applied", "{:?}", answers[1].1);
    assert_eq!(answers[2].0, "rejected", "unknown fields are refused: {:?}", answers[2].1);
    // The same push again: the first answers, nothing written twice.
    let again = results(&phone.push(&env, &later).await);
    assert!(again.iter().all(|(r, _)| r == "duplicate"), "{again:?}");

    // The manager sees it all on the family's page.
    let seen = c.assistance(&env, &c.manager).await;
    let services = ids(&seen["services"]);
    assert_eq!(services.len(), 2, "{services:?}");
    assert!(services.contains(&service.to_string()) && services.contains(&done_service.to_string()));
    let first_service = seen["services"].as_array().unwrap().iter().find(|s| s["id"] == json!(service)).unwrap();
    assert_eq!(first_service["minutes"], 45);
    assert_eq!(first_service["member_ids"], json!([c.member(0)]));
    assert_eq!(seen["goals"][0]["harm"]["indicator"], harm["indicator"]);
    let acts = seen["activities"].as_array().unwrap();
    let moved = acts.iter().find(|a| a["id"] == json!(activity)).unwrap();
    assert_eq!(moved["due_on"], json!(next_week));
    assert_eq!(moved["version"], 2);
    let done = acts.iter().find(|a| a["id"] == json!(planned)).unwrap();
    assert_eq!(done["status"], "done");
    assert_eq!(done["service_id"], json!(done_service));
    let done_record = seen["services"].as_array().unwrap().iter().find(|s| s["id"] == json!(done_service)).unwrap();
    assert_eq!(done_record["activity_id"], json!(planned), "the service names the activity it carried out");
    // Done is final: completed again, or planned again, it is refused.
    let complete_again = env
        .post(&format!("/api/v1/activities/{planned}/complete"), &c.manager, json!({ "version": done["version"] }))
        .await;
    assert_eq!(complete_again.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", complete_again.body);
    let reopen = env
        .patch(
            &format!("/api/v1/activities/{planned}"),
            &c.manager,
            json!({ "version": done["version"], "status": "planned" }),
        )
        .await;
    assert_eq!(reopen.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", reopen.body);
    // The history marks them as made offline, with the device.
    let history = env.get(&format!("/api/v1/families/{f}/history"), &c.manager).await.body;
    let offline_service = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == "service" && e["entity_id"] == json!(service))
        .unwrap_or_else(|| panic!("service in history: {history}"));
    assert_eq!(offline_service["offline"]["device_id"], json!(phone.id));

    // A manager's reschedule meets the phone's old edit of the same field:
    // both values are kept in a conflict.
    let online = env
        .patch(&format!("/api/v1/activities/{activity}"), &c.manager, json!({ "version": 2, "due_on": in_three_days }))
        .await;
    assert_eq!(online.status, StatusCode::OK, "{:?}", online.body);
    let stale = vec![phone.mutation(
        "plan_activity",
        &activity.to_string(),
        f,
        "update",
        Some(1),
        json!({ "due_on": days_ago(0) }),
    )];
    let answers = results(&phone.push(&env, &stale).await);
    assert_eq!(answers[0].0, "conflict", "{:?}", answers[0].1);

    // The phone's next pull carries the family's records back.
    let pages = phone.pull(&env).await;
    let back = pages.iter().flat_map(|p| p["assistance"].as_array().unwrap().clone()).last().unwrap();
    assert_eq!(ids(&back["services"]).len(), 2);
    assert_eq!(ids(&back["activities"]).len(), 2);
    // The helper's calendar and agenda show the planned activity.
    let cal = env.get(&format!("/api/v1/calendar?from={}&to={}", days_ago(10), next_week), &c.helper).await;
    assert_eq!(cal.status, StatusCode::OK, "{:?}", cal.body);
    assert!(
        cal.body["items"].as_array().unwrap().iter().any(|a| a["id"] == json!(activity) && a["family_name"] == "رضایی")
    );
    env.finish().await;
}

async fn services_are_append_only_and_every_input_is_checked(backend: Backend) {
    let env = Env::new(backend).await;
    let c = Casework::new(&env).await;
    let path = format!("/api/v1/families/{}/services", c.family_id);
    let base = json!({ "kind": "counseling", "domain": "cultural", "served_on": days_ago(2), "minutes": 60 });
    let logged = env.post(&path, &c.helper, base.clone()).await;
    assert_eq!(logged.status, StatusCode::CREATED, "{:?}", logged.body);
    let original = logged.body["id"].as_str().unwrap().to_owned();

    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(2)).to_string();
    let other_family = family(&env, &env.login("manager.b").await, "غریبه").await;
    let stranger = other_family["members"][0]["id"].clone();
    let elsewhere = {
        let b = env.login("manager.b").await;
        let r = env
            .post(
                "/api/v1/resources",
                &b,
                json!({ "kind": "organization", "level": "local", "name": "خیریهٔ مرکز ب", "domains": ["economic"] }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
        r.body["id"].clone()
    };
    for (body, field) in [
        (with("served_on", json!(tomorrow)), "served_on"),
        (with("minutes", json!(0)), "minutes"),
        (with("minutes", json!(800)), "minutes"),
        (with("kind", json!("visit")), "kind"),
        (with("member_ids", json!([stranger])), "member_ids"),
        (with("resource_id", elsewhere.clone()), "resource_id"),
        (with("amends", json!(original)), "amend_reason"),
        (with("amends", json!(Uuid::now_v7())), "amends"),
    ] {
        let r = env.post(&path, &c.helper, body.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {:?}", r.body);
        assert_eq!(r.body["error"]["field"], field, "{body}: {:?}", r.body);
    }
    // A correction is a new record; the original stays, marked amended.
    let mut amendment = with("amends", json!(original));
    amendment["minutes"] = json!(90);
    amendment["amend_reason"] = json!("مدت اشتباه ثبت شده بود");
    let fixed = env.post(&path, &c.helper, amendment).await;
    assert_eq!(fixed.status, StatusCode::CREATED, "{:?}", fixed.body);
    let seen = c.assistance(&env, &c.manager).await;
    let services = seen["services"].as_array().unwrap();
    assert_eq!(services.len(), 2);
    let old = services.iter().find(|s| s["id"] == json!(original)).unwrap();
    assert_eq!(old["minutes"], 60, "the original is never changed");
    assert_eq!(old["amended_by"], fixed.body["id"]);
    // Only the latest link of a chain of corrections is corrected.
    let mut twice = with("amends", json!(original));
    twice["amend_reason"] = json!("دوباره");
    let again = env.post(&path, &c.helper, twice).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", again.body);
    assert_eq!(again.body["error"]["field"], "amends");

    // A goal must address a harm the latest assessment found.
    let goals = format!("/api/v1/families/{}/goals", c.family_id);
    let bad = env
        .post(&goals, &c.helper, json!({ "domain": "social", "title": "هدف", "harm_indicator": "no_such_indicator" }))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", bad.body);
    assert_eq!(bad.body["error"]["field"], "harm_indicator");
    // An activity given to a resource must name it.
    let acts = format!("/api/v1/families/{}/activities", c.family_id);
    let unnamed = env
        .post(
            &acts,
            &c.helper,
            json!({ "domain": "social", "title": "کار", "due_on": tomorrow, "responsible": "resource" }),
        )
        .await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", unnamed.body);
    assert_eq!(unnamed.body["error"]["field"], "resource_id");
    // Nobody else's family: the other center's helper and manager get 404;
    // headquarters sees no family's services.
    let b = env.login("manager.b").await;
    for cookie in [&b, &env.login("admin").await] {
        let r = env.get(&format!("/api/v1/families/{}/assistance", c.family_id), cookie).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{:?}", r.body);
        let w = env.post(&path, cookie, base.clone()).await;
        assert_eq!(w.status, StatusCode::NOT_FOUND, "{:?}", w.body);
    }
    let range = env.get("/api/v1/calendar?from=2026-01-01&to=2028-01-01", &c.helper).await;
    assert_eq!(range.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", range.body);
    let _ = &c.w;
    env.finish().await;
}

async fn a_specialist_sees_only_the_cases_referred_to_them(backend: Backend) {
    let env = Env::new(backend).await;
    let c = Casework::new(&env).await;
    env.user("dr.karimi", Role::Specialist, Some(c.w.hq.id), None).await;
    env.user("dr.other", Role::Specialist, Some(c.w.hq.id), None).await;
    let karimi = env.get("/api/v1/users", &env.login("admin").await).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "dr.karimi")
        .unwrap()["id"]
        .clone();
    // Only a specialist's account may answer for a resource.
    let wrong = env
        .post(
            "/api/v1/resources",
            &c.manager,
            json!({ "kind": "counselor", "level": "local", "name": "مشاور", "domains": ["social"],
                    "user_id": c.w.helper_a.id }),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", wrong.body);
    // The headquarters' counselor serves every center.
    let admin = env.login("admin").await;
    let counselor = env
        .post(
            "/api/v1/resources",
            &admin,
            json!({ "kind": "counselor", "level": "provincial", "name": "دکتر کریمی", "domains": ["social", "cultural"],
                    "offers": "مشاورهٔ خانواده", "user_id": karimi }),
        )
        .await;
    assert_eq!(counselor.status, StatusCode::CREATED, "{:?}", counselor.body);
    let counselor = counselor.body;
    let org = c
        .resource(&env, json!({ "kind": "organization", "level": "local", "name": "کمیته", "domains": ["economic"] }))
        .await;

    let refer = format!("/api/v1/families/{}/referrals", c.family_id);
    let to_karimi = env
        .post(&refer, &c.helper, json!({ "member_id": c.member(1), "resource_id": counselor["id"], "reason": "اضطراب شدید", "urgency": "urgent" }))
        .await;
    assert_eq!(to_karimi.status, StatusCode::CREATED, "{:?}", to_karimi.body);
    let case_id = to_karimi.body["referral"]["id"].as_str().unwrap().to_owned();
    let to_org = env.post(&refer, &c.helper, json!({ "resource_id": org["id"], "reason": "سبد غذایی" })).await;
    assert_eq!(to_org.status, StatusCode::CREATED, "{:?}", to_org.body);
    // Another family of another center, referred to the same specialist
    // by its own manager, is the specialist's too — but not manager A's.
    let b = env.login("manager.b").await;
    let other = family(&env, &b, "دیگری").await;
    let other_case = env
        .post(
            &format!("/api/v1/families/{}/referrals", other["id"].as_str().unwrap()),
            &b,
            json!({ "resource_id": counselor["id"], "reason": "ارجاع دیگر" }),
        )
        .await;
    assert_eq!(other_case.status, StatusCode::CREATED, "{:?}", other_case.body);

    let dr = env.login("dr.karimi").await;
    let list = env.get("/api/v1/referrals", &dr).await;
    assert_eq!(list.status, StatusCode::OK, "{:?}", list.body);
    let mine: Vec<String> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["referral"]["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(mine.len(), 2, "only the two referred to them: {mine:?}");
    assert!(mine.contains(&case_id));
    assert!(!mine.contains(&to_org.body["referral"]["id"].as_str().unwrap().to_owned()));
    let case = env.get(&format!("/api/v1/referrals/{case_id}"), &dr).await;
    assert_eq!(case.status, StatusCode::OK, "{:?}", case.body);
    assert_eq!(case.body["member"]["id"], json!(c.member(1)));
    assert_eq!(case.body["can_answer"], true);
    assert_eq!(case.body["can_withdraw"], false);
    // The family's file, its services and the organization's referral stay closed.
    for path in [
        format!("/api/v1/families/{}", c.family_id),
        format!("/api/v1/families/{}/assistance", c.family_id),
        format!("/api/v1/families/{}/assessments", c.family_id),
        format!("/api/v1/referrals/{}", to_org.body["referral"]["id"].as_str().unwrap()),
    ] {
        let r = env.get(&path, &dr).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {:?}", r.body);
    }
    // Another specialist sees none of it.
    let other_dr = env.login("dr.other").await;
    assert_eq!(env.get("/api/v1/referrals", &other_dr).await.body["items"], json!([]));
    assert_eq!(env.get(&format!("/api/v1/referrals/{case_id}"), &other_dr).await.status, StatusCode::NOT_FOUND);
    let steal = env
        .post(&format!("/api/v1/referrals/{case_id}/answer"), &other_dr, json!({ "version": 1, "status": "accepted" }))
        .await;
    assert_eq!(steal.status, StatusCode::NOT_FOUND, "{:?}", steal.body);
    // Manager A does not see center B's case.
    let a_list = env.get("/api/v1/referrals", &c.manager).await.body;
    assert!(!a_list.to_string().contains(other_case.body["referral"]["id"].as_str().unwrap()));

    // The flow: done only after acceptance; the receiver answers, the helper sees it.
    let answer = |version: i64, status: &str, feedback: &str| json!({ "version": version, "status": status, "feedback": feedback });
    let early = env.post(&format!("/api/v1/referrals/{case_id}/answer"), &dr, answer(1, "done", "")).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", early.body);
    let helper_answers =
        env.post(&format!("/api/v1/referrals/{case_id}/answer"), &c.helper, answer(1, "accepted", "")).await;
    assert_eq!(helper_answers.status, StatusCode::FORBIDDEN, "the receiver answers, not the referrer");
    for (version, status) in [(1, "accepted"), (2, "in_progress"), (3, "done")] {
        let r = env
            .post(&format!("/api/v1/referrals/{case_id}/answer"), &dr, answer(version, status, "سه جلسه مشاوره"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{status}: {:?}", r.body);
    }
    let seen = c.assistance(&env, &c.helper).await;
    let done = seen["referrals"].as_array().unwrap().iter().find(|r| r["id"] == json!(case_id)).unwrap();
    assert_eq!(done["status"], "done");
    assert_eq!(done["feedback"], "سه جلسه مشاوره");
    // An organization without an account: the helper records its answer.
    let org_case = to_org.body["referral"]["id"].as_str().unwrap();
    let r =
        env.post(&format!("/api/v1/referrals/{org_case}/answer"), &c.helper, answer(1, "accepted", "پذیرفتند")).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    env.finish().await;
}

/// A commission of center A with a seat for `username` (a commission
/// member's account).
async fn commission(env: &Env, c: &Casework, name: &str, domain: &str, username: &str) -> (String, String) {
    env.user(username, Role::CommissionMember, Some(c.w.hq.id), Some(c.w.center_a.id)).await;
    let created = env.post("/api/v1/commissions", &c.manager, json!({ "domain": domain, "name": name })).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let id = created.body["commission"]["id"].as_str().unwrap().to_owned();
    let users = env.get("/api/v1/users", &c.manager).await.body;
    let user = users["items"].as_array().unwrap().iter().find(|u| u["username"] == username).unwrap()["id"].clone();
    let seat = env
        .post(
            &format!("/api/v1/commissions/{id}/seats"),
            &c.manager,
            json!({ "user_id": user, "capacity": "official", "organization": "بهزیستی" }),
        )
        .await;
    assert_eq!(seat.status, StatusCode::CREATED, "{:?}", seat.body);
    (id, seat.body["id"].as_str().unwrap().to_owned())
}

async fn a_commission_member_sees_only_their_commissions_cases(backend: Backend) {
    let env = Env::new(backend).await;
    let c = Casework::new(&env).await;
    let (social, social_seat) = commission(&env, &c, "کمیسیون اجتماعی", "social", "member.social").await;
    let (economic, _) = commission(&env, &c, "کمیسیون اقتصادی", "economic", "member.economic").await;
    let refer = format!("/api/v1/families/{}/referrals", c.family_id);
    let to_social = env.post(&refer, &c.helper, json!({ "commission_id": social, "reason": "طلاق عاطفی" })).await;
    assert_eq!(to_social.status, StatusCode::CREATED, "{:?}", to_social.body);
    let to_economic = env.post(&refer, &c.helper, json!({ "commission_id": economic, "reason": "بیکاری" })).await;
    assert_eq!(to_economic.status, StatusCode::CREATED, "{:?}", to_economic.body);
    let social_case = to_social.body["referral"]["id"].as_str().unwrap().to_owned();
    let economic_case = to_economic.body["referral"]["id"].as_str().unwrap().to_owned();
    // Center B's manager cannot refer A's family, nor to A's commission.
    let b = env.login("manager.b").await;
    let theirs = family(&env, &b, "ب").await;
    let cross = env
        .post(
            &format!("/api/v1/families/{}/referrals", theirs["id"].as_str().unwrap()),
            &b,
            json!({ "commission_id": social, "reason": "x" }),
        )
        .await;
    assert_eq!(cross.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", cross.body);

    let member = env.login("member.social").await;
    let me = env.get("/api/v1/me", &member).await.body;
    let permissions = me["permissions"].as_array().unwrap();
    assert!(permissions.contains(&json!("commissions.read")), "a seat opens the commissions page: {me}");
    assert!(permissions.contains(&json!("referrals.read")));
    assert!(!permissions.contains(&json!("commissions.manage")));
    let list = env.get("/api/v1/referrals", &member).await.body;
    let seen: Vec<&str> =
        list["items"].as_array().unwrap().iter().map(|x| x["referral"]["id"].as_str().unwrap()).collect();
    assert_eq!(seen, vec![social_case.as_str()], "only the social commission's case");
    let commissions = env.get("/api/v1/commissions", &member).await.body;
    assert_eq!(ids(&commissions["items"]), vec![social.clone()]);
    let detail = env.get(&format!("/api/v1/commissions/{social}"), &member).await;
    assert_eq!(detail.status, StatusCode::OK, "{:?}", detail.body);
    assert_eq!(detail.body["cases"].as_array().unwrap().len(), 1);
    assert_eq!(detail.body["can_work"], true);
    for path in [
        format!("/api/v1/referrals/{economic_case}"),
        format!("/api/v1/commissions/{economic}"),
        format!("/api/v1/families/{}", c.family_id),
        format!("/api/v1/families/{}/assistance", c.family_id),
    ] {
        let r = env.get(&path, &member).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {:?}", r.body);
    }
    // A meeting of the other commission is closed to them too.
    let econ_cookie = env.login("member.economic").await;
    let meeting = env
        .post(
            &format!("/api/v1/commissions/{economic}/meetings"),
            &econ_cookie,
            json!({ "held_on": days_ago(0), "agenda": [economic_case] }),
        )
        .await;
    assert_eq!(meeting.status, StatusCode::CREATED, "{:?}", meeting.body);
    let meeting_id = meeting.body["meeting"]["id"].as_str().unwrap();
    assert_eq!(env.get(&format!("/api/v1/meetings/{meeting_id}"), &member).await.status, StatusCode::NOT_FOUND);
    let decide = env
        .post(
            &format!("/api/v1/meetings/{meeting_id}/decisions"),
            &member,
            json!({ "referral_id": economic_case, "text": "x" }),
        )
        .await;
    assert_eq!(decide.status, StatusCode::NOT_FOUND, "{:?}", decide.body);
    // A member does not set up the commission.
    let seat = env
        .post(&format!("/api/v1/commissions/{social}/seats"), &member, json!({ "name": "کسی", "capacity": "activist" }))
        .await;
    assert_eq!(seat.status, StatusCode::FORBIDDEN, "{:?}", seat.body);
    // The seat ends: the next request sees nothing.
    let seats = env.get(&format!("/api/v1/commissions/{social}"), &c.manager).await.body["seats"].clone();
    let version = seats.as_array().unwrap().iter().find(|s| s["id"] == json!(social_seat)).unwrap()["version"].clone();
    let removed = env
        .send(
            Method::DELETE,
            &format!("/api/v1/commissions/{social}/seats/{social_seat}?version={version}"),
            Some(&c.manager),
            None,
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{:?}", removed.body);
    assert_eq!(env.get("/api/v1/referrals", &member).await.body["items"], json!([]));
    assert_eq!(env.get(&format!("/api/v1/referrals/{social_case}"), &member).await.status, StatusCode::NOT_FOUND);
    assert_eq!(env.get(&format!("/api/v1/commissions/{social}"), &member).await.status, StatusCode::NOT_FOUND);

    // The headquarters' own commission: its admins list its cases.
    let admin = env.login("admin").await;
    let hq =
        env.post("/api/v1/commissions", &admin, json!({ "domain": "economic", "name": "کمیسیون اقتصادی ستاد" })).await;
    assert_eq!(hq.status, StatusCode::CREATED, "{:?}", hq.body);
    let hq_case = env
        .post(&refer, &c.helper, json!({ "commission_id": hq.body["commission"]["id"], "reason": "بدهی سنگین" }))
        .await;
    assert_eq!(hq_case.status, StatusCode::CREATED, "{:?}", hq_case.body);
    let theirs: Vec<Value> = env.get("/api/v1/referrals", &admin).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["referral"]["id"].clone())
        .collect();
    assert_eq!(theirs, vec![hq_case.body["referral"]["id"].clone()], "only the headquarters commission's case");
    env.finish().await;
}

async fn a_meeting_divides_tasks_and_a_done_task_shows_in_the_family_timeline(backend: Backend) {
    let env = Env::new(backend).await;
    let c = Casework::new(&env).await;
    let (social, seat) = commission(&env, &c, "کمیسیون اجتماعی", "social", "member.social").await;
    let employer = c
        .resource(
            &env,
            json!({ "kind": "employer", "level": "local", "name": "کارگاه نجاری", "domains": ["economic"] }),
        )
        .await;
    let refer = format!("/api/v1/families/{}/referrals", c.family_id);
    let case = env.post(&refer, &c.helper, json!({ "commission_id": social, "reason": "پروندهٔ پیچیده" })).await;
    assert_eq!(case.status, StatusCode::CREATED, "{:?}", case.body);
    let case_id = case.body["referral"]["id"].as_str().unwrap().to_owned();
    let member = env.login("member.social").await;

    let meeting = env
        .post(
            &format!("/api/v1/commissions/{social}/meetings"),
            &member,
            json!({ "held_on": days_ago(0), "place": "سالن مسجد", "agenda": [case_id],
                    "attendees": [{ "member_id": seat }, { "name": "زهرا (همیار خانواده)" }] }),
        )
        .await;
    assert_eq!(meeting.status, StatusCode::CREATED, "{:?}", meeting.body);
    let meeting_id = meeting.body["meeting"]["id"].as_str().unwrap().to_owned();
    assert_eq!(meeting.body["meeting"]["attendees"][0]["name"], "کاربر member.social", "a seat's name is its holder's");
    // Only cases referred to the commission go on its agenda.
    let stray = env
        .patch(
            &format!("/api/v1/meetings/{meeting_id}"),
            &member,
            json!({ "version": 1, "held_on": days_ago(0), "agenda": [Uuid::now_v7()] }),
        )
        .await;
    assert_eq!(stray.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", stray.body);

    let in_three_days = (chrono::Utc::now().date_naive() + chrono::Days::new(3)).to_string();
    let decided = env
        .post(
            &format!("/api/v1/meetings/{meeting_id}/decisions"),
            &member,
            json!({ "referral_id": case_id, "text": "پدر به کارگاه معرفی شود و خانواده سه ماه پیگیری شود",
                    "tasks": [
                        { "title": "معرفی پدر به کارگاه", "assignee_kind": "resource", "assignee_id": employer["id"], "due_on": in_three_days },
                        { "title": "پیگیری هفتگی", "assignee_kind": "helper", "due_on": in_three_days },
                        { "title": "هماهنگی با بهزیستی", "assignee_kind": "member", "assignee_id": seat, "due_on": in_three_days },
                    ] }),
        )
        .await;
    assert_eq!(decided.status, StatusCode::CREATED, "{:?}", decided.body);
    let tasks = decided.body["tasks"].as_array().unwrap().clone();
    assert_eq!(tasks.len(), 3);
    let task = |kind: &str| tasks.iter().find(|t| t["assignee_kind"] == kind).unwrap().clone();

    // The helper sees the decision and the tasks on the family's page, and
    // the case moved on.
    let seen = c.assistance(&env, &c.helper).await;
    assert_eq!(seen["decisions"][0]["text"], decided.body["decision"]["text"]);
    assert_eq!(seen["tasks"].as_array().unwrap().len(), 3);
    assert_eq!(seen["referrals"][0]["status"], "in_progress");
    // The helper closes the task given to them, not a member's.
    let helper_task = task("helper");
    let member_task = task("member");
    let not_theirs = env
        .post(
            &format!("/api/v1/commission-tasks/{}/status", member_task["id"].as_str().unwrap()),
            &c.helper,
            json!({ "version": 1, "status": "done" }),
        )
        .await;
    assert_eq!(not_theirs.status, StatusCode::FORBIDDEN, "{:?}", not_theirs.body);
    let closed = env
        .post(
            &format!("/api/v1/commission-tasks/{}/status", helper_task["id"].as_str().unwrap()),
            &c.helper,
            json!({ "version": 1, "status": "done", "note": "سه دیدار انجام شد" }),
        )
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{:?}", closed.body);
    // A week later the other two are overdue, surfaced on the member's agenda
    // and on the commission.
    env.clock.advance(chrono::Duration::days(7));
    let member = env.login("member.social").await;
    let agenda = env.get("/api/v1/agenda", &member).await.body;
    let overdue: Vec<&str> =
        agenda["overdue_tasks"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(overdue.len(), 2, "{agenda}");
    assert!(!overdue.contains(&helper_task["id"].as_str().unwrap()));
    let detail = env.get(&format!("/api/v1/commissions/{social}"), &member).await.body;
    assert_eq!(detail["commission"]["overdue_tasks"], 2);
    let done = env
        .post(
            &format!("/api/v1/commission-tasks/{}/status", member_task["id"].as_str().unwrap()),
            &member,
            json!({ "version": 1, "status": "done", "note": "هماهنگ شد" }),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.body);

    // The family's timeline: the task's completion, dated, with its note.
    let manager = env.login(&c.w.manager_a.username).await;
    let seen = c.assistance(&env, &manager).await;
    let finished = seen["tasks"].as_array().unwrap().iter().find(|t| t["id"] == member_task["id"]).unwrap();
    assert_eq!(finished["status"], "done");
    assert!(finished["done_on"].is_string());
    assert_eq!(finished["done_note"], "هماهنگ شد");
    assert_eq!(finished["overdue"], false);
    let history = env.get(&format!("/api/v1/families/{}/history", c.family_id), &manager).await.body;
    assert!(
        history["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["entity"] == "commission_task" && e["entity_id"] == member_task["id"])
    );
    env.finish().await;
}
