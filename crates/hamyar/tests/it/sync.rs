//! The offline sync protocol through the API (`docs/sync.md`): idempotent
//! pushes, conflicts that keep both values, edits of deleted records,
//! scope changes while a helper is offline, revoked devices, skewed device
//! clocks — and a randomized run of several simulated devices checking
//! that no acknowledged mutation is lost or applied twice and that no
//! device ever receives a family outside its scope.

use crate::{
    assessments::{answer_all, family},
    helpers::{accepted_helper, assign},
    on_both_backends,
    support::{Backend, Env, Response, World},
};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uuid::Uuid;

on_both_backends!(
    pushes_are_idempotent_and_each_mutation_is_answered_on_its_own,
    two_writers_of_one_field_keep_both_values_in_a_conflict,
    an_edit_of_a_deleted_member_is_kept_as_a_conflict,
    a_reassignment_while_offline_is_accepted_for_review_then_the_family_leaves_the_device,
    an_offline_assessment_is_made_final_once,
    revoked_devices_and_old_protocols_are_refused,
    simulated_devices_never_lose_or_repeat_a_mutation_nor_see_outside_their_scope,
);

/// A device as the tests drive it: its id, its next sequence number, and
/// the session of its user.
pub(crate) struct Phone {
    pub(crate) id: Uuid,
    next_seq: i64,
    cookie: String,
    cursor: String,
}

impl Phone {
    pub(crate) async fn register(env: &Env, cookie: &str) -> Phone {
        let id = Uuid::now_v7();
        let r = env
            .post(
                "/api/v1/sync/devices",
                cookie,
                json!({ "id": id, "name": "گوشی", "app_version": "t", "protocol": 1 }),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        Phone { id, next_seq: 1, cookie: cookie.to_owned(), cursor: String::new() }
    }

    /// A mutation with the next sequence number, made now on the device.
    pub(crate) fn mutation(
        &mut self,
        entity: &str,
        entity_id: &str,
        family_id: &str,
        op: &str,
        base: Option<i64>,
        fields: Value,
    ) -> Value {
        self.mutation_at(entity, entity_id, family_id, op, base, fields, chrono::Utc::now())
    }

    #[allow(clippy::too_many_arguments)]
    fn mutation_at(
        &mut self,
        entity: &str,
        entity_id: &str,
        family_id: &str,
        op: &str,
        base: Option<i64>,
        fields: Value,
        device_time: chrono::DateTime<chrono::Utc>,
    ) -> Value {
        let seq = self.next_seq;
        self.next_seq += 1;
        json!({
            "id": Uuid::now_v7(), "device_seq": seq, "entity": entity, "entity_id": entity_id,
            "family_id": family_id, "op": op, "base_version": base, "fields": fields, "device_time": device_time,
        })
    }

    pub(crate) async fn push(&self, env: &Env, mutations: &[Value]) -> Response {
        env.post(
            "/api/v1/sync/push",
            &self.cookie,
            json!({ "protocol": 1, "device_id": self.id, "mutations": mutations }),
        )
        .await
    }

    /// Pulls every page; returns them and keeps the cursor.
    pub(crate) async fn pull(&mut self, env: &Env) -> Vec<Value> {
        let mut pages = Vec::new();
        loop {
            let r = env
                .get(&format!("/api/v1/sync/pull?device_id={}&cursor={}&limit=50", self.id, self.cursor), &self.cookie)
                .await;
            assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
            self.cursor = r.body["cursor"].as_str().unwrap().to_owned();
            let more = r.body["more"] == json!(true);
            pages.push(r.body);
            if !more {
                return pages;
            }
        }
    }
}

/// Results of a push, in order: (result, the whole answer).
pub(crate) fn results(r: &Response) -> Vec<(String, Value)> {
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    r.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["result"].as_str().unwrap().to_owned(), a.clone()))
        .collect()
}

/// Manager A's center with an accepted helper holding one family (head,
/// spouse, child), logged in on a registered phone.
struct Field {
    w: World,
    manager: String,
    helper: Value,
    family: Value,
    phone: Phone,
}

impl Field {
    async fn new(env: &Env) -> Field {
        let w = env.world().await;
        let manager = env.login(&w.manager_a.username).await;
        let helper = accepted_helper(env, &w, &manager, "helper.zahra", json!(["counseling"])).await;
        let family = family(env, &manager, "رضایی").await;
        let given = assign(env, &manager, family["id"].as_str().unwrap(), &helper, "پیگیری در محله").await;
        assert_eq!(given.status, StatusCode::CREATED, "{:?}", given.body);
        let cookie = env.login("helper.zahra").await;
        let phone = Phone::register(env, &cookie).await;
        Field { w, manager, helper, family, phone }
    }

    fn family_id(&self) -> String {
        self.family["id"].as_str().unwrap().to_owned()
    }

    /// A member by relation, fresh from the server (as the manager sees it).
    async fn member(&self, env: &Env, relation: &str) -> Value {
        let f = env.get(&format!("/api/v1/families/{}", self.family_id()), &self.manager).await.body;
        f["members"].as_array().unwrap().iter().find(|m| m["relation"] == relation).unwrap().clone()
    }
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn pushes_are_idempotent_and_each_mutation_is_answered_on_its_own(backend: Backend) {
    let env = Env::new(backend).await;
    let mut f = Field::new(&env).await;
    let fid = f.family_id();

    // The first pull brings the family whole.
    let first = f.phone.pull(&env).await;
    assert_eq!(first[0]["scope"]["added"], json!([fid]));
    assert_eq!(first[0]["families"].as_array().unwrap().len(), 1);
    assert_eq!(first[0]["members"].as_array().unwrap().len(), 3);

    // The answer was lost on the way: pulling again from the old cursor
    // brings the family again; from the cursor of that answer, nothing.
    f.phone.cursor = String::new();
    let again = f.phone.pull(&env).await;
    assert_eq!((again[0]["scope"]["added"].clone(), again[0]["members"].as_array().unwrap().len()), (json!([fid]), 3));
    let quiet = f.phone.pull(&env).await;
    assert_eq!((quiet[0]["scope"]["added"].clone(), quiet[0]["families"].clone()), (json!([]), json!([])));

    let spouse = f.member(&env, "spouse").await;
    let edit = f.phone.mutation(
        "family_member",
        &id_of(&spouse),
        &fid,
        "update",
        spouse["version"].as_i64(),
        json!({ "mobile": "۰۹۱۲۳۴۵۶۷۸۹" }),
    );
    let answered = results(&f.phone.push(&env, std::slice::from_ref(&edit)).await);
    assert_eq!(answered[0].0, "applied", "{:?}", answered[0].1);
    assert_eq!(answered[0].1["version"], spouse["version"].as_i64().unwrap() + 1);

    // The same mutation again (the device never heard): a duplicate, written once.
    let again = results(&f.phone.push(&env, std::slice::from_ref(&edit)).await);
    assert_eq!((again[0].0.as_str(), again[0].1["original_result"].as_str()), ("duplicate", Some("applied")));
    let edit_id: Uuid = edit["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(env.app.store().mutation_changes(edit_id).await.unwrap().len(), 1);
    assert_eq!(f.member(&env, "spouse").await["mobile"], "09123456789");

    // A batch where one fails: the others are applied all the same.
    let child = f.member(&env, "child").await;
    let new_member = Uuid::now_v7().to_string();
    let batch = vec![
        f.phone.mutation(
            "family_member",
            &id_of(&child),
            &fid,
            "update",
            child["version"].as_i64(),
            json!({ "education": "ششم ابتدایی" }),
        ),
        f.phone.mutation(
            "family_member",
            &id_of(&spouse),
            &fid,
            "update",
            Some(spouse["version"].as_i64().unwrap() + 1),
            json!({ "national_id": "1234567890" }),
        ),
        f.phone.mutation(
            "family_member",
            &new_member,
            &fid,
            "create",
            None,
            json!({ "first_name": "نرگس", "last_name": "رضایی", "sex": "female", "relation": "child" }),
        ),
        f.phone.mutation(
            "family_member",
            &id_of(&child),
            &fid,
            "update",
            child["version"].as_i64(),
            json!({ "salary": "1" }),
        ),
    ];
    let answered = results(&f.phone.push(&env, &batch).await);
    let codes: Vec<&str> = answered.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(codes, ["applied", "rejected", "applied", "rejected"], "{answered:?}");
    assert_eq!(answered[1].1["reason"], "validation");
    assert!(answered[1].1["message"].as_str().unwrap().contains('/'), "Persian and English");
    // Refusals are kept for the manager, with what the device sent.
    let refused = env.get(&format!("/api/v1/sync/mutations?family_id={fid}&result=rejected"), &f.manager).await;
    assert_eq!(refused.body["items"].as_array().unwrap().len(), 2, "{:?}", refused.body);
    assert_eq!(refused.body["items"][1]["fields"]["national_id"], "1234567890");

    // A member of another family (here, of another center) named under my
    // family is not found: nothing of it comes back, nothing is written.
    let elsewhere = family(&env, &env.login(&f.w.manager_b.username).await, "بیگانه").await;
    let stranger = &elsewhere["members"][0];
    let probe = f.phone.mutation(
        "family_member",
        &id_of(stranger),
        &fid,
        "update",
        stranger["version"].as_i64(),
        json!({ "mobile": "09120000000" }),
    );
    let answered = results(&f.phone.push(&env, &[probe]).await);
    assert_eq!(
        (answered[0].0.as_str(), answered[0].1["reason"].as_str(), answered[0].1["conflicts"].clone()),
        ("rejected", Some("not_found"), json!([]))
    );
    assert!(!answered[0].1.to_string().contains("بیگانه"));

    // Text no database stores (NUL) and a family change naming another
    // record are refused, not a server error.
    let nul =
        f.phone.mutation("family_member", &id_of(stranger), &fid, "update", Some(1), json!({ "mobile": "0912\u{0}" }));
    let other = f.phone.mutation(
        "family",
        &Uuid::now_v7().to_string(),
        &fid,
        "update",
        Some(1),
        json!({ "address": "کوچهٔ دوم" }),
    );
    let answered = results(&f.phone.push(&env, &[nul, other]).await);
    assert_eq!((answered[0].0.as_str(), answered[0].1["reason"].as_str()), ("rejected", Some("validation")));
    assert_eq!((answered[1].0.as_str(), answered[1].1["reason"].as_str()), ("rejected", Some("validation")));

    // Out of order and with gaps: each record goes by its own version.
    let child = f.member(&env, "child").await;
    f.phone.next_seq += 5;
    let late = f.phone.mutation(
        "family_member",
        &id_of(&child),
        &fid,
        "update",
        child["version"].as_i64(),
        json!({ "occupation": "دانش‌آموز" }),
    );
    f.phone.next_seq -= 3;
    let early = f.phone.mutation("family_member", &new_member, &fid, "update", Some(1), json!({ "education": "اول" }));
    let answered = results(&f.phone.push(&env, &[late.clone(), early]).await);
    assert_eq!((answered[0].0.as_str(), answered[1].0.as_str()), ("applied", "applied"), "{answered:?}");
    f.phone.next_seq = late["device_seq"].as_i64().unwrap() + 1;
    // A device whose store was wiped numbers from where it began again: the
    // mutation's id, not its sequence number, says what was seen before, so
    // its new edits are not refused.
    let mut reused = late.clone();
    reused["id"] = json!(Uuid::now_v7());
    reused["fields"] = json!({ "occupation": "کارگر" });
    let answered = results(&f.phone.push(&env, &[reused]).await);
    assert_eq!(answered[0].0, "applied", "{answered:?}");
    assert_eq!(f.member(&env, "child").await["occupation"], "کارگر");

    // The server wrote a mutation but stopped before recording its answer:
    // the next push works the answer out from the log and writes nothing again.
    let spouse = f.member(&env, "spouse").await;
    let lost = f.phone.mutation(
        "family_member",
        &id_of(&spouse),
        &fid,
        "update",
        spouse["version"].as_i64(),
        json!({ "health": "دیابت" }),
    );
    results(&f.phone.push(&env, std::slice::from_ref(&lost)).await);
    let lost_id: Uuid = lost["id"].as_str().unwrap().parse().unwrap();
    forget_answer(&env, lost_id).await;
    let answered = results(&f.phone.push(&env, std::slice::from_ref(&lost)).await);
    assert_eq!(answered[0].0, "applied", "{:?}", answered[0].1);
    assert_eq!(answered[0].1["version"], spouse["version"].as_i64().unwrap() + 1);
    assert_eq!(env.app.store().mutation_changes(lost_id).await.unwrap().len(), 1);

    // A phone correcting its own edit (both made offline on one version) is
    // no conflict: nobody else's value is overwritten.
    let spouse = f.member(&env, "spouse").await;
    let typo = f.phone.mutation(
        "family_member",
        &id_of(&spouse),
        &fid,
        "update",
        spouse["version"].as_i64(),
        json!({ "education": "دیپلوم" }),
    );
    let fixed = f.phone.mutation(
        "family_member",
        &id_of(&spouse),
        &fid,
        "update",
        spouse["version"].as_i64(),
        json!({ "education": "دیپلم" }),
    );
    let answered = results(&f.phone.push(&env, &[typo, fixed]).await);
    assert_eq!((answered[0].0.as_str(), answered[1].0.as_str()), ("applied", "applied"), "{answered:?}");
    assert_eq!(f.member(&env, "spouse").await["education"], "دیپلم");

    // Every offline edit has its own entry in the family's history, with
    // its author, device and device time.
    let history = env.get(&format!("/api/v1/families/{fid}/history"), &f.manager).await.body;
    let offline: Vec<&Value> =
        history["items"].as_array().unwrap().iter().filter(|e| !e["offline"].is_null()).collect();
    assert_eq!(offline.len(), 9, "{history:?}");
    assert!(
        offline
            .iter()
            .all(|e| e["offline"]["device_id"] == json!(f.phone.id) && e["actor"]["id"] == json!(f.helper["user_id"]))
    );
    env.finish().await;
}

/// Deletes a mutation's recorded answer, as if the server had stopped
/// between writing the change and recording the answer.
async fn forget_answer(env: &Env, id: Uuid) {
    use sea_orm::{ConnectionTrait, Database};
    let conn = Database::connect(env.db_url()).await.unwrap();
    let sql = match conn.get_database_backend() {
        sea_orm::DbBackend::Postgres => format!("DELETE FROM sync_mutations WHERE id = '{id}'"),
        _ => format!("DELETE FROM sync_mutations WHERE id = x'{}'", id.simple()),
    };
    conn.execute_unprepared(&sql).await.unwrap();
    conn.close().await.unwrap();
}

async fn two_writers_of_one_field_keep_both_values_in_a_conflict(backend: Backend) {
    let env = Env::new(backend).await;
    let mut f = Field::new(&env).await;
    let fid = f.family_id();
    f.phone.pull(&env).await;
    let spouse = f.member(&env, "spouse").await;
    let seen = spouse["version"].as_i64();

    // The manager's own device sets the mobile and the education first…
    let mut desk = Phone::register(&env, &f.manager).await;
    let first = desk.mutation(
        "family_member",
        &id_of(&spouse),
        &fid,
        "update",
        seen,
        json!({ "mobile": "09121111111", "education": "دیپلم" }),
    );
    assert_eq!(results(&desk.push(&env, &[first]).await)[0].0, "applied");

    // …then the helper's phone, offline since, sets the mobile and the job.
    let second = f.phone.mutation(
        "family_member",
        &id_of(&spouse),
        &fid,
        "update",
        seen,
        json!({ "mobile": "09122222222", "occupation": "خیاط" }),
    );
    let answered = results(&f.phone.push(&env, &[second]).await);
    assert_eq!(answered[0].0, "conflict", "{:?}", answered[0].1);
    let conflicts = answered[0].1["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "only the field both set");
    assert_eq!(
        (conflicts[0]["field"].as_str(), conflicts[0]["winning_value"].as_str(), conflicts[0]["losing_value"].as_str()),
        (Some("mobile"), Some("09122222222"), Some("09121111111"))
    );
    assert_eq!(conflicts[0]["losing_author"]["id"], json!(f.w.manager_a.id));
    // The later write won; the other field of each merged.
    let now = f.member(&env, "spouse").await;
    assert_eq!(
        (now["mobile"].as_str(), now["education"].as_str(), now["occupation"].as_str()),
        (Some("09122222222"), Some("دیپلم"), Some("خیاط"))
    );

    // Both the helper and the manager see it; the other center does not.
    let listed = env.get(&format!("/api/v1/sync/conflicts?family_id={fid}"), &f.phone.cookie).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1, "{:?}", listed.body);
    let for_manager = env.get("/api/v1/sync/conflicts", &f.manager).await.body;
    assert_eq!(for_manager["items"].as_array().unwrap().len(), 1);
    let other = env.login(&f.w.manager_b.username).await;
    assert_eq!(env.get("/api/v1/sync/conflicts", &other).await.body["items"], json!([]));
    assert_eq!(env.get(&format!("/api/v1/sync/conflicts?family_id={fid}"), &other).await.status, StatusCode::NOT_FOUND);

    // The manager restores the losing value: an ordinary edit, and the conflict closes.
    let c = &for_manager["items"][0];
    let resolve = format!("/api/v1/sync/conflicts/{}/resolve", id_of(c));
    let bad = env.post(&resolve, &f.manager, json!({ "resolution": "maybe", "version": c["version"] })).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        env.post(&resolve, &other, json!({ "resolution": "keep", "version": c["version"] })).await.status,
        StatusCode::NOT_FOUND
    );
    let done = env.post(&resolve, &f.manager, json!({ "resolution": "restore", "version": c["version"] })).await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.body);
    assert_eq!(
        (done.body["resolution"].as_str(), done.body["resolved_by"]["id"].clone()),
        (Some("restore"), json!(f.w.manager_a.id))
    );
    assert_eq!(f.member(&env, "spouse").await["mobile"], "09121111111");
    assert_eq!(env.get("/api/v1/sync/conflicts", &f.manager).await.body["items"], json!([]));
    assert_eq!(
        env.get("/api/v1/sync/conflicts?open=false", &f.manager).await.body["items"].as_array().unwrap().len(),
        1
    );

    // Someone else wrote between the phone's base and its second edit of
    // the same base: that edit's overwrite is still a conflict, even though
    // the phone's own first edit came last.
    let spouse = f.member(&env, "spouse").await;
    let base = spouse["version"].as_i64();
    let desk_edit =
        desk.mutation("family_member", &id_of(&spouse), &fid, "update", base, json!({ "mobile": "09124444444" }));
    assert_eq!(results(&desk.push(&env, &[desk_edit]).await)[0].0, "applied");
    let first =
        f.phone.mutation("family_member", &id_of(&spouse), &fid, "update", base, json!({ "education": "لیسانس" }));
    let second =
        f.phone.mutation("family_member", &id_of(&spouse), &fid, "update", base, json!({ "mobile": "09125555555" }));
    let answered = results(&f.phone.push(&env, &[first, second]).await);
    assert_eq!((answered[0].0.as_str(), answered[1].0.as_str()), ("applied", "conflict"), "{answered:?}");
    assert_eq!(answered[1].1["conflicts"][0]["losing_value"], "09124444444");

    // A device clock days off changes nothing: the server's order decides.
    let spouse = f.member(&env, "spouse").await;
    let ahead = chrono::Utc::now() + chrono::Duration::days(9);
    let behind = chrono::Utc::now() - chrono::Duration::days(9);
    let from_future = f.phone.mutation_at(
        "family_member",
        &id_of(&spouse),
        &fid,
        "update",
        spouse["version"].as_i64(),
        json!({ "insurance": "تأمین اجتماعی" }),
        ahead,
    );
    assert_eq!(results(&f.phone.push(&env, &[from_future]).await)[0].0, "applied");
    let from_past = desk.mutation_at(
        "family_member",
        &id_of(&spouse),
        &fid,
        "update",
        spouse["version"].as_i64(),
        json!({ "insurance": "سلامت" }),
        behind,
    );
    assert_eq!(results(&desk.push(&env, &[from_past]).await)[0].0, "conflict");
    assert_eq!(f.member(&env, "spouse").await["insurance"], "سلامت");
    let history = env.get(&format!("/api/v1/families/{fid}/history"), &f.manager).await.body;
    let skewed = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["changes"]["insurance"]["new"] == "تأمین اجتماعی")
        .unwrap();
    let shown: chrono::DateTime<chrono::Utc> = skewed["offline"]["device_time"].as_str().unwrap().parse().unwrap();
    assert_eq!(shown.timestamp(), ahead.timestamp(), "the device's clock is shown as it was");
    env.finish().await;
}

async fn an_edit_of_a_deleted_member_is_kept_as_a_conflict(backend: Backend) {
    let env = Env::new(backend).await;
    let mut f = Field::new(&env).await;
    let fid = f.family_id();
    f.phone.pull(&env).await;
    let child = f.member(&env, "child").await;
    let gone = env
        .send(
            Method::DELETE,
            &format!("/api/v1/families/{fid}/members/{}?version={}", id_of(&child), child["version"]),
            Some(&f.manager),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT, "{:?}", gone.body);

    let edit = f.phone.mutation(
        "family_member",
        &id_of(&child),
        &fid,
        "update",
        child["version"].as_i64(),
        json!({ "education": "هفتم" }),
    );
    let answered = results(&f.phone.push(&env, &[edit]).await);
    assert_eq!((answered[0].0.as_str(), answered[0].1["reason"].as_str()), ("conflict", Some("edit_of_deleted")));
    let c = &answered[0].1["conflicts"][0];
    assert_eq!((c["kind"].as_str(), c["losing_value"]["education"].as_str()), (Some("edit_of_deleted"), Some("هفتم")));
    // Not resurrected.
    let f2 = env.get(&format!("/api/v1/families/{fid}"), &f.manager).await.body;
    assert!(f2["members"].as_array().unwrap().iter().all(|m| m["id"] != child["id"]));
    // The next pull tells the device the member is gone.
    let pages = f.phone.pull(&env).await;
    assert!(pages.iter().any(|p| p["deleted"].as_array().unwrap().iter().any(|d| d["id"] == child["id"])), "{pages:?}");
    // It cannot be restored as a field; keeping the deletion closes it.
    let resolve = format!("/api/v1/sync/conflicts/{}/resolve", id_of(c));
    let refused = env.post(&resolve, &f.manager, json!({ "resolution": "restore", "version": c["version"] })).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", refused.body);
    let kept = env.post(&resolve, &f.phone.cookie, json!({ "resolution": "keep", "version": c["version"] })).await;
    assert_eq!(kept.status, StatusCode::OK, "{:?}", kept.body);
    env.finish().await;
}

async fn a_reassignment_while_offline_is_accepted_for_review_then_the_family_leaves_the_device(backend: Backend) {
    let env = Env::new(backend).await;
    let mut f = Field::new(&env).await;
    let fid = f.family_id();
    f.phone.pull(&env).await;
    let head = f.member(&env, "head").await;

    // While the phone is offline, the manager ends the assignment.
    let assignments = env.get(&format!("/api/v1/families/{fid}/assignments"), &f.manager).await.body;
    let a = &assignments["items"][0];
    let ended = env
        .post(
            &format!("/api/v1/assignments/{}/end", id_of(a)),
            &f.manager,
            json!({ "version": a["version"], "reason": "جابه‌جایی" }),
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{:?}", ended.body);
    assert_eq!(env.get(&format!("/api/v1/families/{fid}"), &f.phone.cookie).await.status, StatusCode::NOT_FOUND);

    // The edit made before is accepted, marked for the manager's review.
    let edit = f.phone.mutation(
        "family_member",
        &id_of(&head),
        &fid,
        "update",
        head["version"].as_i64(),
        json!({ "occupation": "نانوا" }),
    );
    let answered = results(&f.phone.push(&env, &[edit]).await);
    assert_eq!(
        (answered[0].0.as_str(), answered[0].1["review"].as_bool()),
        ("applied", Some(true)),
        "{:?}",
        answered[0].1
    );
    let review = env.get("/api/v1/sync/mutations?result=review", &f.manager).await.body;
    assert_eq!(review["items"].as_array().unwrap().len(), 1, "{review:?}");

    // The answer tells the helper there was review, not what others wrote.
    assert_eq!(answered[0].1["conflicts"], json!([]));

    // Past the offline lock days after the end, even a phone that still
    // holds the family writes nothing more to it.
    env.clock.advance(chrono::Duration::days(30));
    f.phone.cookie = env.login("helper.zahra").await;
    let late = f.phone.mutation(
        "family_member",
        &id_of(&head),
        &fid,
        "update",
        Some(head["version"].as_i64().unwrap() + 1),
        json!({ "occupation": "قناد" }),
    );
    let answered = results(&f.phone.push(&env, &[late]).await);
    assert_eq!(
        (answered[0].0.as_str(), answered[0].1["reason"].as_str()),
        ("rejected", Some("not_found")),
        "{answered:?}"
    );
    f.manager = env.login(&f.w.manager_a.username).await;

    // The next pull removes the family; after it nothing more is accepted
    // for it, and no page carries it. Every later pull names the removal
    // again, in case the answer that carried it was lost.
    let pages = f.phone.pull(&env).await;
    assert_eq!(pages[0]["scope"]["removed"], json!([fid]));
    assert_eq!(f.phone.pull(&env).await[0]["scope"]["removed"], json!([fid]));
    let after = f.phone.mutation(
        "family_member",
        &id_of(&head),
        &fid,
        "update",
        Some(head["version"].as_i64().unwrap() + 1),
        json!({ "occupation": "راننده" }),
    );
    let answered = results(&f.phone.push(&env, &[after]).await);
    assert_eq!((answered[0].0.as_str(), answered[0].1["reason"].as_str()), ("rejected", Some("not_found")));
    let spouse = f.member(&env, "spouse").await;
    let online = env
        .patch(
            &format!("/api/v1/families/{fid}/members/{}", id_of(&spouse)),
            &f.manager,
            json!({ "version": spouse["version"], "mobile": "09350000000" }),
        )
        .await;
    assert_eq!(online.status, StatusCode::OK, "{:?}", online.body);
    for page in f.phone.pull(&env).await {
        assert_eq!((page["families"].clone(), page["members"].clone()), (json!([]), json!([])), "{page:?}");
    }
    // The exposure record shows when it was sent and when removed.
    let exposure = env.get(&format!("/api/v1/sync/devices/{}/families", f.phone.id), &f.manager).await.body;
    assert!(exposure["families"][0]["removed_at"].is_string(), "{exposure:?}");
    assert_eq!(exposure["families"][0]["family_name"], "رضایی");
    // The helper sees their own phone's exposure, but no longer the name
    // of a family taken from them.
    let own = env.get(&format!("/api/v1/sync/devices/{}/families", f.phone.id), &f.phone.cookie).await.body;
    assert_eq!(
        (own["families"][0]["family_id"].as_str(), own["families"][0]["family_name"].clone()),
        (Some(fid.as_str()), Value::Null)
    );
    let other = env.login(&f.w.manager_b.username).await;
    assert_eq!(
        env.get(&format!("/api/v1/sync/devices/{}/families", f.phone.id), &other).await.status,
        StatusCode::NOT_FOUND
    );
    env.finish().await;
}

async fn an_offline_assessment_is_made_final_once(backend: Backend) {
    let env = Env::new(backend).await;
    let mut f = Field::new(&env).await;
    let fid = f.family_id();
    let pages = f.phone.pull(&env).await;
    assert!(pages[0]["instrument_id"].is_string());
    // The answers the phone would collect (worked out from a manager's draft, then discarded).
    let draft =
        env.post(&format!("/api/v1/families/{fid}/assessments"), &f.manager, json!({ "kind": "baseline" })).await;
    assert_eq!(draft.status, StatusCode::CREATED, "{:?}", draft.body);
    let answers = answer_all(&env, &f.manager, &draft.body, false).await;
    let discarded = env
        .send(
            Method::DELETE,
            &format!("/api/v1/assessments/{}?version={}", id_of(&draft.body), draft.body["version"]),
            Some(&f.manager),
            None,
        )
        .await;
    assert_eq!(discarded.status, StatusCode::NO_CONTENT, "{:?}", discarded.body);

    let id = Uuid::now_v7().to_string();
    let append =
        f.phone.mutation("assessment", &id, &fid, "append", None, json!({ "kind": "baseline", "answers": answers }));
    let answered = results(&f.phone.push(&env, std::slice::from_ref(&append)).await);
    assert_eq!(answered[0].0, "applied", "{:?}", answered[0].1);
    let again = results(&f.phone.push(&env, &[append]).await);
    assert_eq!(again[0].0, "duplicate");
    let list = env.get(&format!("/api/v1/families/{fid}/assessments"), &f.manager).await.body;
    let finals: Vec<&Value> = list["items"].as_array().unwrap().iter().filter(|a| a["status"] == "final").collect();
    assert_eq!(finals.len(), 1, "{list:?}");
    assert_eq!(finals[0]["id"], json!(id));
    assert_eq!(env.get(&format!("/api/v1/families/{fid}"), &f.manager).await.body["tier"], "harmed");

    // Incomplete answers: refused as final, kept on the server as a draft.
    let half = f.phone.mutation(
        "assessment",
        &Uuid::now_v7().to_string(),
        &fid,
        "append",
        None,
        json!({ "kind": "follow_up", "answers": {} }),
    );
    let answered = results(&f.phone.push(&env, &[half]).await);
    assert_eq!((answered[0].0.as_str(), answered[0].1["reason"].as_str()), ("rejected", Some("assessment_incomplete")));
    let list = env.get(&format!("/api/v1/families/{fid}/assessments"), &f.manager).await.body;
    assert_eq!(list["items"].as_array().unwrap().iter().filter(|a| a["status"] == "draft").count(), 1);
    env.finish().await;
}

async fn revoked_devices_and_old_protocols_are_refused(backend: Backend) {
    let env = Env::new(backend).await;
    let mut f = Field::new(&env).await;
    let fid = f.family_id();
    f.phone.pull(&env).await;
    let old = env
        .post("/api/v1/sync/push", &f.phone.cookie, json!({ "protocol": 0, "device_id": f.phone.id, "mutations": [] }))
        .await;
    assert_eq!((old.status, old.code()), (StatusCode::UPGRADE_REQUIRED, "protocol_unsupported"));
    let old_pull = env.get(&format!("/api/v1/sync/pull?device_id={}&protocol=0", f.phone.id), &f.phone.cookie).await;
    assert_eq!(old_pull.status, StatusCode::UPGRADE_REQUIRED);
    // Someone else's device id is unknown to me.
    let other = env.login(&f.w.helper_a.username).await;
    let theirs = env.get(&format!("/api/v1/sync/pull?device_id={}", f.phone.id), &other).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);

    let revoked = env.post(&format!("/api/v1/sync/devices/{}/revoke", f.phone.id), &f.manager, json!({})).await;
    assert_eq!(revoked.status, StatusCode::OK);
    let head = f.member(&env, "head").await;
    let edit = f.phone.mutation(
        "family_member",
        &id_of(&head),
        &fid,
        "update",
        head["version"].as_i64(),
        json!({ "occupation": "نانوا" }),
    );
    let pushed = f.phone.push(&env, &[edit]).await;
    assert_eq!((pushed.status, pushed.code()), (StatusCode::FORBIDDEN, "device_revoked"));
    let pulled = env.get(&format!("/api/v1/sync/pull?device_id={}", f.phone.id), &f.phone.cookie).await;
    assert_eq!((pulled.status, pulled.code()), (StatusCode::FORBIDDEN, "device_revoked"));
    assert_eq!(f.member(&env, "head").await["occupation"], head["occupation"]);
    env.finish().await;
}

/// A small deterministic random source (xorshift), so a failing run can be
/// repeated from its seed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// What a simulated device holds: the records it pulled, and its outbox.
struct SimDevice {
    phone: Phone,
    helper: Value,
    /// Ordered, so a seed replays the same choices.
    members: BTreeMap<String, (String, i64)>,
    outbox: Vec<Value>,
}

async fn simulated_devices_never_lose_or_repeat_a_mutation_nor_see_outside_their_scope(backend: Backend) {
    // Several seeds: each a different interleaving of edits, partial and
    // lost pushes, pulls and reassignments.
    for seed in [0x5eed_cafe ^ 2026, 0x1405_0901, 0xdead_beef_0007] {
        simulate(backend.clone(), seed).await;
    }
}

async fn simulate(backend: Backend, seed: u64) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let manager = env.login(&w.manager_a.username).await;
    let mut helpers = Vec::new();
    for name in ["helper.sim1", "helper.sim2"] {
        helpers.push(accepted_helper(&env, &w, &manager, name, json!(["counseling"])).await);
    }
    let mut families = Vec::new();
    for name in ["احمدی", "کریمی", "موسوی", "حسینی"] {
        families.push(family(&env, &manager, name).await);
    }
    // Families 0, 1 to the first helper; 2, 3 to the second.
    for (i, fam) in families.iter().enumerate() {
        let given = assign(&env, &manager, fam["id"].as_str().unwrap(), &helpers[i / 2], "آزمون").await;
        assert_eq!(given.status, StatusCode::CREATED, "{:?}", given.body);
    }
    let mut devices = Vec::new();
    for (name, helper) in [("helper.sim1", 0), ("helper.sim1", 0), ("helper.sim2", 1)] {
        let cookie = env.login(name).await;
        let phone = Phone::register(&env, &cookie).await;
        devices.push(SimDevice {
            phone,
            helper: helpers[helper].clone(),
            members: BTreeMap::new(),
            outbox: Vec::new(),
        });
    }
    let mut dice = Dice(seed);
    let mut acknowledged: HashMap<String, String> = HashMap::new();
    let mut made: Vec<String> = Vec::new();
    let fields = ["mobile", "education", "occupation", "health"];
    let values = ["09121111111", "09122222222", "دیپلم", "لیسانس", "خیاط", "نانوا", "خوب"];

    for step in 0..200 {
        let d = dice.roll(devices.len());
        match dice.roll(10) {
            // Edit a member it holds (or one it no longer may).
            0..=4 => {
                let dev = &mut devices[d];
                if dev.members.is_empty() {
                    continue;
                }
                let keys: Vec<String> = dev.members.keys().cloned().collect();
                let member = &keys[dice.roll(keys.len())];
                let (family_id, version) = dev.members[member].clone();
                let field = fields[dice.roll(fields.len())];
                let value = if field == "mobile" { values[dice.roll(2)] } else { values[2 + dice.roll(5)] };
                let m = dev.phone.mutation(
                    "family_member",
                    member,
                    &family_id,
                    "update",
                    Some(version),
                    json!({ field: value }),
                );
                made.push(m["id"].as_str().unwrap().to_owned());
                dev.outbox.push(m);
            }
            // Push part of the outbox; sometimes the answer is lost on the way.
            5..=6 => {
                let dev = &mut devices[d];
                if dev.outbox.is_empty() {
                    continue;
                }
                let n = 1 + dice.roll(dev.outbox.len());
                let sent: Vec<Value> = dev.outbox[..n].to_vec();
                let r = dev.phone.push(&env, &sent).await;
                let answers = results(&r);
                if dice.roll(4) == 0 {
                    continue; // the connection dropped: the outbox keeps them all
                }
                for (m, (result, answer)) in sent.iter().zip(&answers) {
                    let id = m["id"].as_str().unwrap().to_owned();
                    let first = if result == "duplicate" {
                        answer["original_result"].as_str().unwrap().to_owned()
                    } else {
                        result.clone()
                    };
                    if let Some(before) = acknowledged.get(&id) {
                        assert_eq!(before, &first, "step {step}: a repeated push must give the first answer");
                    }
                    acknowledged.insert(id, first);
                }
                dev.outbox.drain(..n);
            }
            // Pull, checking the scope of every page.
            7..=8 => {
                let helper_id = devices[d].helper["id"].as_str().unwrap().to_owned();
                let allowed = assigned_to(&env, &manager, &families, &helper_id).await;
                let pages = devices[d].phone.pull(&env).await;
                let dev = &mut devices[d];
                for page in &pages {
                    for fam in page["families"].as_array().unwrap() {
                        assert!(
                            allowed.contains(fam["id"].as_str().unwrap()),
                            "step {step}: a family outside the scope"
                        );
                    }
                    for m in page["members"].as_array().unwrap() {
                        let family_id = m["family_id"].as_str().unwrap();
                        assert!(allowed.contains(family_id), "step {step}: a member outside the scope");
                        dev.members.insert(id_of(m), (family_id.to_owned(), m["version"].as_i64().unwrap()));
                    }
                    for gone in page["scope"]["removed"].as_array().unwrap() {
                        dev.members.retain(|_, (f, _)| f != gone.as_str().unwrap());
                    }
                }
            }
            // The manager moves a family to the other helper.
            _ => {
                let fam = &families[dice.roll(families.len())];
                let fid = fam["id"].as_str().unwrap();
                let current = env.get(&format!("/api/v1/families/{fid}/assignments"), &manager).await.body;
                let open = current["items"].as_array().unwrap().iter().find(|a| a["ended_at"].is_null()).cloned();
                let to = match &open {
                    Some(a) if a["helper_id"] == helpers[0]["id"] => &helpers[1],
                    _ => &helpers[0],
                };
                let moved = assign(&env, &manager, fid, to, "جابه‌جایی").await;
                assert_eq!(moved.status, StatusCode::CREATED, "step {step}: {:?}", moved.body);
            }
        }
    }
    // Everyone comes back online and pushes everything, twice over.
    for dev in &mut devices {
        for _ in 0..2 {
            for chunk in dev.outbox.chunks(50) {
                for (m, (result, answer)) in chunk.iter().zip(results(&dev.phone.push(&env, chunk).await)) {
                    let id = m["id"].as_str().unwrap().to_owned();
                    let first = if result == "duplicate" {
                        answer["original_result"].as_str().unwrap().to_owned()
                    } else {
                        result
                    };
                    if let Some(before) = acknowledged.get(&id) {
                        assert_eq!(before, &first, "a repeated push must give the first answer");
                    }
                    acknowledged.insert(id, first);
                }
            }
        }
        dev.outbox.clear();
    }
    // Every mutation made was answered and kept; each applied one was
    // written exactly once, and a refused one not at all. (The run is long
    // enough to meet every answer.)
    let count = |r: &str| acknowledged.values().filter(|a| *a == r).count();
    eprintln!(
        "simulated (seed {seed:#x}): {} mutations: {} applied, {} conflict, {} rejected",
        made.len(),
        count("applied"),
        count("conflict"),
        count("rejected")
    );
    assert!(count("applied") > 0 && count("conflict") > 0 && count("rejected") > 0);
    let store = env.app.store();
    for id in &made {
        let answer = acknowledged.get(id).unwrap_or_else(|| panic!("mutation {id} was never answered"));
        let uuid: Uuid = id.parse().unwrap();
        let record = store.get_mutation(uuid).await.unwrap().unwrap_or_else(|| panic!("no record of {id}"));
        assert_eq!(record.result.code(), answer);
        let written =
            store.mutation_changes(uuid).await.unwrap().into_iter().filter(|e| e.entity == "family_member").count();
        assert_eq!(written, usize::from(answer != "rejected"), "mutation {id} ({answer}) written {written} times");
    }
    env.finish().await;
}

/// The families whose open assignment is with this helper, per the manager.
async fn assigned_to(env: &Env, manager: &str, families: &[Value], helper_id: &str) -> BTreeSet<String> {
    let mut held = BTreeSet::new();
    for fam in families {
        let fid = fam["id"].as_str().unwrap();
        let list = env.get(&format!("/api/v1/families/{fid}/assignments"), manager).await.body;
        if list["items"].as_array().unwrap().iter().any(|a| a["ended_at"].is_null() && a["helper_id"] == helper_id) {
            held.insert(fid.to_owned());
        }
    }
    held
}
