//! Storage of general assistance: every record round-trips, versions and
//! the one-line-per-session key are checked, lists are scoped and live, the
//! topic exclusion finds exactly who was there, and members' registrations
//! and attendance join their family's history.

use crate::{
    on_both_backends,
    support::{Backend, Env},
};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, SubsecRound, Utc};
use hamyar_application::{
    model::{
        AssistanceWrite, Program, ProgramAttendance, ProgramSession, ProgramsWrite, Registration, Resource, SyncMeta,
        WalkIn, WriteContext,
    },
    ports::{AssistanceStore, ChangeLogStore, FamilyStore, ProgramStore, StoreError, UniqueKey},
};
use hamyar_domain::{
    assistance::{ResourceKind, ResourceLevel},
    family::{MaritalStatus, Relation, Sex},
    persian::search_key,
    programs::{Audience, ProgramKind, Target},
    tier::{AssessmentDomain, Tier},
};
use uuid::Uuid;

on_both_backends!(
    every_record_round_trips_and_is_logged,
    a_stale_version_or_a_second_line_writes_nothing,
    lists_are_scoped_ordered_and_live,
    attended_topic_since_is_exactly_who_was_there,
);

/// Whole seconds: both backends keep them exactly.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

fn ctx(actor: Option<Uuid>) -> WriteContext {
    WriteContext { actor, at: now(), origin: None }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn bump(meta: &SyncMeta) -> SyncMeta {
    meta.bumped(now())
}

fn tombstoned(meta: &SyncMeta) -> SyncMeta {
    let mut next = meta.bumped(now());
    next.deleted_at = Some(now());
    next
}

fn program(hq_id: Uuid, center_id: Uuid, topic: &str) -> Program {
    Program {
        id: Uuid::now_v7(),
        hq_id,
        center_id,
        kind: ProgramKind::Workshop,
        domain: AssessmentDomain::Cultural,
        topic: topic.to_owned(),
        topic_key: search_key(topic),
        description: "کارگاه دوروزه".to_owned(),
        organizer_center_id: None,
        organizer_resource_id: None,
        target: Target::default(),
        place: "سالن مرکز".to_owned(),
        online_link: String::new(),
        capacity: Some(30),
        facilitator: "دکتر احمدی".to_owned(),
        channel: String::new(),
        starts_on: None,
        ends_on: None,
        reported_reach: None,
        meta: SyncMeta::new(now()),
    }
}

fn session(program_id: Uuid, held_on: NaiveDate, starts_at: Option<NaiveTime>) -> ProgramSession {
    ProgramSession {
        id: Uuid::now_v7(),
        program_id,
        held_on,
        starts_at,
        ends_at: starts_at.map(|t| t + Duration::minutes(90)),
        title: "جلسهٔ اول".to_owned(),
        meta: SyncMeta::new(now()),
    }
}

fn walk_in(center_id: Uuid, first_name: &str) -> WalkIn {
    WalkIn {
        id: Uuid::now_v7(),
        center_id,
        first_name: first_name.to_owned(),
        last_name: "مهمان".to_owned(),
        mobile: "09121234567".to_owned(),
        sex: Sex::Female,
        birth_year: Some(1368),
        neighborhood: "نارمک".to_owned(),
        member_id: None,
        meta: SyncMeta::new(now()),
    }
}

/// A registration of a member of a family.
fn member_of(program_id: Uuid, member_id: Uuid, family_id: Uuid) -> Registration {
    Registration {
        id: Uuid::now_v7(),
        program_id,
        member_id: Some(member_id),
        family_id: Some(family_id),
        walk_in_id: None,
        partner_id: None,
        registered_by: None,
        meta: SyncMeta::new(now()),
    }
}

fn walk_in_at(program_id: Uuid, walk_in_id: Uuid) -> Registration {
    Registration {
        id: Uuid::now_v7(),
        program_id,
        member_id: None,
        family_id: None,
        walk_in_id: Some(walk_in_id),
        partner_id: None,
        registered_by: None,
        meta: SyncMeta::new(now()),
    }
}

fn line(s: &ProgramSession, r: &Registration, present: bool) -> ProgramAttendance {
    ProgramAttendance {
        id: Uuid::now_v7(),
        session_id: s.id,
        registration_id: r.id,
        present,
        family_id: r.family_id,
        meta: SyncMeta::new(now()),
    }
}

fn resource(hq_id: Uuid) -> Resource {
    Resource {
        id: Uuid::now_v7(),
        hq_id,
        center_id: None,
        kind: ResourceKind::Counselor,
        level: ResourceLevel::Provincial,
        name: "انجمن مشاوران".to_owned(),
        domains: vec![AssessmentDomain::Cultural],
        offers: String::new(),
        capacity: None,
        contact_name: String::new(),
        phone: String::new(),
        address: String::new(),
        area: String::new(),
        notes: String::new(),
        user_id: None,
        meta: SyncMeta::new(now()),
    }
}

async fn every_record_round_trips_and_is_logged(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let (hq, a) = (w.hq.id, w.center_a.id);
    let family = env.family(a, "خانوادهٔ کریمی", "حسن", "کریمی").await;
    let spouse_family = env.family(a, "خانوادهٔ نوری", "زهرا", "نوری").await;
    let head = family.head_member_id.unwrap();
    let spouse = spouse_family.head_member_id.unwrap();
    let partner = resource(hq);
    let write = AssistanceWrite { resources: vec![partner.clone()], ..Default::default() };
    env.db.save_assistance(ctx(None), &write).await.unwrap();

    // Every field set, the target's included.
    let mut workshop = program(hq, a, "مهارت‌های فرزندپروری");
    (workshop.kind, workshop.domain) = (ProgramKind::MarriageEnrichment, AssessmentDomain::Social);
    (workshop.organizer_center_id, workshop.organizer_resource_id) = (Some(w.center_b.id), Some(partner.id));
    workshop.target = Target {
        tiers: vec![Tier::Stable, Tier::AtRisk],
        audience: Audience::Couples,
        age_min: Some(20),
        age_max: Some(45),
        sex: Some(Sex::Male),
        marital: vec![MaritalStatus::Married, MaritalStatus::Widowed],
        relations: vec![Relation::Head, Relation::Spouse],
        neighborhoods: vec![search_key("نارمک"), search_key("تهرانپارس")],
        recent_months: 6,
    };
    (workshop.online_link, workshop.channel) = ("https://meet.example/x".to_owned(), "اینستاگرام".to_owned());
    (workshop.starts_on, workshop.ends_on, workshop.reported_reach) =
        (Some(day(2025, 5, 1)), Some(day(2025, 5, 31)), Some(4200));
    // Nothing optional set.
    let mut campaign = program(hq, a, "پیشگیری از اعتیاد");
    (campaign.kind, campaign.capacity, campaign.place, campaign.description) =
        (ProgramKind::MediaCampaign, None, String::new(), String::new());
    let timed = session(workshop.id, day(2025, 5, 3), Some(time(16, 30)));
    let mut untimed = session(workshop.id, day(2025, 5, 4), None);
    untimed.ends_at = Some(NaiveTime::from_hms_opt(19, 5, 30).unwrap());
    let guest = walk_in(a, "مینا");
    let mut known = walk_in(a, "رضا");
    (known.sex, known.birth_year, known.member_id, known.mobile) = (Sex::Male, None, Some(head), String::new());
    let mut husband = member_of(workshop.id, head, family.id);
    let mut wife = member_of(workshop.id, spouse, spouse_family.id);
    (husband.partner_id, wife.partner_id) = (Some(wife.id), Some(husband.id));
    husband.registered_by = Some(w.manager_a.id);
    let walked = walk_in_at(workshop.id, guest.id);
    let was_there = line(&timed, &husband, true);
    let was_not = line(&timed, &wife, false);
    let guest_there = line(&timed, &walked, true);

    let write = ProgramsWrite {
        programs: vec![workshop.clone(), campaign.clone()],
        sessions: vec![timed.clone(), untimed.clone()],
        walk_ins: vec![guest.clone(), known.clone()],
        registrations: vec![husband.clone(), wife.clone(), walked.clone()],
        attendance: vec![was_there.clone(), was_not.clone(), guest_there.clone()],
    };
    env.db.save_programs(ctx(Some(w.helper_a.id)), &write).await.unwrap();

    for p in [&workshop, &campaign] {
        assert_eq!(env.db.get_program(p.id).await.unwrap().as_ref(), Some(p));
    }
    for s in [&timed, &untimed] {
        assert_eq!(env.db.get_program_session(s.id).await.unwrap().as_ref(), Some(s));
    }
    for x in [&guest, &known] {
        assert_eq!(env.db.get_walk_in(x.id).await.unwrap().as_ref(), Some(x));
    }
    for r in [&husband, &wife, &walked] {
        assert_eq!(env.db.get_registration(r.id).await.unwrap().as_ref(), Some(r));
    }
    let mut lines = env.db.program_attendance(&[timed.id]).await.unwrap();
    lines.sort_by_key(|l| l.id);
    assert_eq!(lines, vec![was_there.clone(), was_not.clone(), guest_there.clone()]);
    assert_eq!(env.db.get_program(Uuid::now_v7()).await.unwrap(), None);

    // An update replaces every field, optional ones included.
    let mut edited = workshop.clone();
    (edited.organizer_center_id, edited.organizer_resource_id, edited.capacity) = (None, None, None);
    (edited.starts_on, edited.ends_on, edited.reported_reach) = (None, None, None);
    (edited.target, edited.topic) = (Target::default(), "ارتباط مؤثر".to_owned());
    edited.topic_key = search_key(&edited.topic);
    edited.meta = bump(&workshop.meta);
    let mut filled = campaign.clone();
    (filled.capacity, filled.reported_reach, filled.starts_on) = (Some(0), Some(0), Some(day(2025, 7, 1)));
    filled.meta = bump(&campaign.meta);
    let mut moved = timed.clone();
    (moved.starts_at, moved.ends_at, moved.held_on) = (None, None, day(2025, 5, 10));
    moved.meta = bump(&timed.meta);
    let mut linked = guest.clone();
    (linked.member_id, linked.birth_year) = (Some(spouse), None);
    linked.meta = bump(&guest.meta);
    let mut single = husband.clone();
    (single.partner_id, single.registered_by) = (None, None);
    single.meta = bump(&husband.meta);
    let mut came = was_not.clone();
    came.present = true;
    came.meta = bump(&was_not.meta);
    let write = ProgramsWrite {
        programs: vec![edited.clone(), filled.clone()],
        sessions: vec![moved.clone()],
        walk_ins: vec![linked.clone()],
        registrations: vec![single.clone()],
        attendance: vec![came.clone()],
    };
    env.db.save_programs(ctx(Some(w.manager_a.id)), &write).await.unwrap();
    assert_eq!(env.db.get_program(edited.id).await.unwrap(), Some(edited.clone()));
    assert_eq!(env.db.get_program(filled.id).await.unwrap(), Some(filled));
    assert_eq!(env.db.get_program_session(moved.id).await.unwrap(), Some(moved));
    assert_eq!(env.db.get_walk_in(linked.id).await.unwrap(), Some(linked));
    assert_eq!(env.db.get_registration(single.id).await.unwrap(), Some(single.clone()));
    let lines = env.db.program_attendance(&[timed.id]).await.unwrap();
    assert_eq!(lines.iter().find(|l| l.id == came.id), Some(&came));

    // Members' registrations and lines are in their family's history…
    let history = env.db.family_history(family.id).await.unwrap();
    let entry = |history: &[hamyar_application::ports::ChangeEntry], id: Uuid, version: i64| {
        history
            .iter()
            .find(|e| e.entity_id == id && e.version == version)
            .unwrap_or_else(|| panic!("{id} v{version} in the history: {history:#?}"))
            .clone()
    };
    let e = entry(&history, husband.id, 1);
    assert_eq!((e.entity.as_str(), e.op.as_str(), e.family_id), ("program_registration", "create", Some(family.id)));
    assert_eq!(e.actor_id, Some(w.helper_a.id));
    assert_eq!(e.data["member_id"], serde_json::json!(head));
    assert_eq!(e.data["partner_id"], serde_json::json!(wife.id));
    assert_eq!(e.data["program_id"], serde_json::json!(workshop.id));
    assert_eq!(e.data["walk_in_id"], serde_json::Value::Null);
    let e = entry(&history, single.id, 2);
    assert_eq!((e.op.as_str(), e.actor_id), ("update", Some(w.manager_a.id)));
    let e = entry(&history, was_there.id, 1);
    assert_eq!((e.entity.as_str(), e.family_id), ("program_attendance", Some(family.id)));
    assert_eq!(
        (&e.data["session_id"], &e.data["registration_id"], &e.data["present"]),
        (&serde_json::json!(timed.id), &serde_json::json!(husband.id), &serde_json::json!(true))
    );
    // …and only they: not the spouse's, not the walk-in's, not the programs.
    for id in [wife.id, was_not.id, walked.id, guest_there.id, workshop.id, timed.id, guest.id] {
        assert!(history.iter().all(|e| e.entity_id != id), "{id} is not in the family's history");
    }
    let theirs = env.db.family_history(spouse_family.id).await.unwrap();
    assert_eq!(entry(&theirs, was_not.id, 1).entity, "program_attendance");
    assert_eq!(entry(&theirs, came.id, 2).data["present"], serde_json::json!(true));

    // Everything is in the change log, at the program's center.
    let log = env.db.changes_after(0, 10_000).await.unwrap();
    for (id, entity, family_id) in [
        (workshop.id, "program", None),
        (campaign.id, "program", None),
        (timed.id, "program_session", None),
        (guest.id, "program_walk_in", None),
        (walked.id, "program_registration", None),
        (guest_there.id, "program_attendance", None),
        (wife.id, "program_registration", Some(spouse_family.id)),
    ] {
        let e = log.iter().find(|e| e.entity_id == id && e.version == 1).unwrap_or_else(|| panic!("{entity} logged"));
        assert_eq!((e.entity.as_str(), e.op.as_str(), e.family_id), (entity, "create", family_id));
    }
    let program_entry = log.iter().find(|e| e.entity_id == workshop.id && e.version == 1).unwrap();
    assert_eq!(program_entry.data["target"]["audience"], "couples");
    assert_eq!(program_entry.data["topic_key"], workshop.topic_key.as_str());
    assert_eq!(
        log.iter().find(|e| e.entity_id == edited.id && e.version == 2).unwrap().data["capacity"],
        serde_json::Value::Null
    );
    let session_entry = log.iter().find(|e| e.entity_id == timed.id && e.version == 1).unwrap();
    assert_eq!(session_entry.data["program_id"], serde_json::json!(workshop.id));
    assert_eq!(session_entry.data["held_on"], "2025-05-03");
    env.finish().await;
}

async fn a_stale_version_or_a_second_line_writes_nothing(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let a = w.center_a.id;
    let family = env.family(a, "خانوادهٔ نادری", "رضا", "نادری").await;
    let head = family.head_member_id.unwrap();
    let original = program(w.hq.id, a, "سواد مالی");
    let s = session(original.id, day(2025, 6, 1), Some(time(10, 0)));
    let reg = member_of(original.id, head, family.id);
    let first_line = line(&s, &reg, true);
    let write = ProgramsWrite {
        programs: vec![original.clone()],
        sessions: vec![s.clone()],
        registrations: vec![reg.clone()],
        attendance: vec![first_line.clone()],
        ..Default::default()
    };
    env.db.save_programs(ctx(None), &write).await.unwrap();
    let mut first = original.clone();
    (first.topic, first.meta) = ("اول".to_owned(), bump(&original.meta));
    let write = ProgramsWrite { programs: vec![first.clone()], ..Default::default() };
    env.db.save_programs(ctx(None), &write).await.unwrap();
    let logged = env.db.changes_after(0, 10_000).await.unwrap().len();
    let history = env.db.family_history(family.id).await.unwrap().len();

    // The same base version again.
    let mut second = original.clone();
    (second.topic, second.meta) = ("دوم".to_owned(), bump(&original.meta));
    let write = ProgramsWrite { programs: vec![second], ..Default::default() };
    let err = env.db.save_programs(ctx(None), &write).await.unwrap_err();
    assert!(matches!(err, StoreError::VersionConflict), "{err:?}");
    assert_eq!(env.db.get_program(original.id).await.unwrap(), Some(first.clone()));

    // A stale line written last, after new records of every other kind.
    let mut stale = first_line.clone();
    (stale.present, stale.meta) = (false, bump(&bump(&first_line.meta)));
    let newcomer = walk_in(a, "تازه");
    let fresh_program = program(w.hq.id, a, "تازه");
    let fresh_session = session(original.id, day(2025, 6, 8), None);
    let fresh_reg = member_of(original.id, head, family.id);
    let write = ProgramsWrite {
        programs: vec![fresh_program.clone()],
        sessions: vec![fresh_session.clone()],
        walk_ins: vec![newcomer.clone()],
        registrations: vec![fresh_reg.clone()],
        attendance: vec![stale],
    };
    let err = env.db.save_programs(ctx(None), &write).await.unwrap_err();
    assert!(matches!(err, StoreError::VersionConflict), "{err:?}");
    assert_eq!(env.db.get_program(fresh_program.id).await.unwrap(), None, "the whole write rolled back");
    assert_eq!(env.db.get_program_session(fresh_session.id).await.unwrap(), None);
    assert_eq!(env.db.get_walk_in(newcomer.id).await.unwrap(), None);
    assert_eq!(env.db.get_registration(fresh_reg.id).await.unwrap(), None);
    assert_eq!(env.db.program_attendance(&[s.id]).await.unwrap(), vec![first_line.clone()]);

    // A second line for the same participant and session: a lost race.
    let twin = line(&s, &reg, false);
    let write =
        ProgramsWrite { walk_ins: vec![newcomer.clone()], attendance: vec![twin.clone()], ..Default::default() };
    let err = env.db.save_programs(ctx(None), &write).await.unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(UniqueKey::Other)), "{err:?}");
    assert_eq!(env.db.get_walk_in(newcomer.id).await.unwrap(), None, "the whole write rolled back");
    assert_eq!(env.db.program_attendance(&[s.id]).await.unwrap(), vec![first_line]);

    assert_eq!(env.db.changes_after(0, 10_000).await.unwrap().len(), logged, "nothing logged");
    assert_eq!(env.db.family_history(family.id).await.unwrap().len(), history);
    env.finish().await;
}

async fn lists_are_scoped_ordered_and_live(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let (hq, a, b) = (w.hq.id, w.center_a.id, w.center_b.id);
    let family = env.family(a, "خانوادهٔ صالحی", "مهدی", "صالحی").await;
    let other = env.family(a, "خانوادهٔ امینی", "سارا", "امینی").await;
    let (m1, m2) = (family.head_member_id.unwrap(), other.head_member_id.unwrap());

    let base = now();
    let at = |minutes: i64| SyncMeta::new(base - Duration::minutes(minutes));
    let mut oldest = program(hq, a, "یک");
    oldest.meta = at(30);
    let mut newest = program(hq, a, "دو");
    newest.meta = at(10);
    let mut middle = program(hq, a, "سه");
    middle.meta = at(20);
    let mut removed = program(hq, a, "چهار");
    removed.meta = at(5);
    let mut at_b = program(hq, b, "پنج");
    at_b.meta = at(15);
    let mut elsewhere = program(w.other_hq.id, w.other_center.id, "شش");
    elsewhere.meta = at(1);

    // Sessions of `oldest`: by day, then time (none first), then id.
    let late_day = session(oldest.id, day(2025, 3, 9), Some(time(8, 0)));
    let evening = session(oldest.id, day(2025, 3, 2), Some(time(18, 0)));
    let morning = session(oldest.id, day(2025, 3, 2), Some(time(9, 30)));
    let no_time = session(oldest.id, day(2025, 3, 2), None);
    let cancelled = session(oldest.id, day(2025, 3, 1), None);
    let of_newest = session(newest.id, day(2025, 3, 1), Some(time(12, 0)));

    let g1 = walk_in(a, "یکم");
    let g2 = walk_in(a, "دوم");
    let g_removed = walk_in(a, "حذف");

    let r1 = member_of(oldest.id, m1, family.id);
    let r2 = member_of(oldest.id, m2, other.id);
    let r3 = walk_in_at(oldest.id, g1.id);
    let r_removed = walk_in_at(oldest.id, g2.id);
    let r_newest = member_of(newest.id, m1, family.id);
    let r_gone_program = member_of(removed.id, m2, other.id);

    let l1 = line(&morning, &r1, true);
    let l2 = line(&morning, &r2, false);
    let l_removed = line(&morning, &r3, true);
    let l_other = line(&evening, &r1, true);

    let write = ProgramsWrite {
        programs: vec![
            oldest.clone(),
            newest.clone(),
            middle.clone(),
            removed.clone(),
            at_b.clone(),
            elsewhere.clone(),
        ],
        sessions: vec![
            late_day.clone(),
            evening.clone(),
            morning.clone(),
            no_time.clone(),
            cancelled.clone(),
            of_newest.clone(),
        ],
        walk_ins: vec![g1.clone(), g2.clone(), g_removed.clone()],
        registrations: vec![
            r1.clone(),
            r2.clone(),
            r3.clone(),
            r_removed.clone(),
            r_newest.clone(),
            r_gone_program.clone(),
        ],
        attendance: vec![l1.clone(), l2.clone(), l_removed.clone(), l_other.clone()],
    };
    env.db.save_programs(ctx(None), &write).await.unwrap();
    let mut tomb = ProgramsWrite::default();
    let mut x = removed.clone();
    x.meta = tombstoned(&removed.meta);
    tomb.programs.push(x);
    let mut x = cancelled.clone();
    x.meta = tombstoned(&cancelled.meta);
    tomb.sessions.push(x);
    let mut x = g_removed.clone();
    x.meta = tombstoned(&g_removed.meta);
    tomb.walk_ins.push(x);
    let mut x = r_removed.clone();
    x.meta = tombstoned(&r_removed.meta);
    tomb.registrations.push(x);
    let mut x = l_removed.clone();
    x.meta = tombstoned(&l_removed.meta);
    tomb.attendance.push(x);
    env.db.save_programs(ctx(None), &tomb).await.unwrap();

    let programs = |v: Vec<Program>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(
        programs(env.db.center_programs(&[a]).await.unwrap()),
        vec![newest.id, middle.id, oldest.id],
        "newest first, the tombstone left out"
    );
    assert_eq!(
        programs(env.db.center_programs(&[a, b]).await.unwrap()),
        vec![newest.id, at_b.id, middle.id, oldest.id]
    );
    assert_eq!(programs(env.db.center_programs(&[w.other_center.id]).await.unwrap()), vec![elsewhere.id]);
    assert!(env.db.center_programs(&[]).await.unwrap().is_empty());
    assert_eq!(env.db.get_program(removed.id).await.unwrap(), None, "a tombstone is not found");

    let sessions: Vec<Uuid> = env.db.program_sessions(&[oldest.id]).await.unwrap().iter().map(|s| s.id).collect();
    assert_eq!(sessions, vec![no_time.id, morning.id, evening.id, late_day.id]);
    let sessions: Vec<Uuid> =
        env.db.program_sessions(&[oldest.id, newest.id]).await.unwrap().iter().map(|s| s.id).collect();
    assert_eq!(sessions, vec![of_newest.id, no_time.id, morning.id, evening.id, late_day.id]);
    assert!(env.db.program_sessions(&[]).await.unwrap().is_empty());
    assert_eq!(env.db.get_program_session(cancelled.id).await.unwrap(), None);

    let mut walk_ins: Vec<Uuid> =
        env.db.walk_ins(&[g1.id, g2.id, g_removed.id]).await.unwrap().iter().map(|x| x.id).collect();
    walk_ins.sort();
    let mut want = vec![g1.id, g2.id];
    want.sort();
    assert_eq!(walk_ins, want);
    assert!(env.db.walk_ins(&[]).await.unwrap().is_empty());
    assert_eq!(env.db.get_walk_in(g_removed.id).await.unwrap(), None);

    let mut regs: Vec<Uuid> = env.db.program_registrations(&[oldest.id]).await.unwrap().iter().map(|r| r.id).collect();
    regs.sort();
    let mut want = vec![r1.id, r2.id, r3.id];
    want.sort();
    assert_eq!(regs, want, "the program's, the tombstone left out");
    assert!(env.db.program_registrations(&[]).await.unwrap().is_empty());
    assert_eq!(env.db.get_registration(r_removed.id).await.unwrap(), None);
    let mut mine: Vec<Uuid> = env.db.member_registrations(&[m1]).await.unwrap().iter().map(|r| r.id).collect();
    mine.sort();
    let mut want = vec![r1.id, r_newest.id];
    want.sort();
    assert_eq!(mine, want);
    let theirs: Vec<Uuid> = env.db.member_registrations(&[m2]).await.unwrap().iter().map(|r| r.id).collect();
    assert!(theirs.contains(&r2.id) && !theirs.contains(&r1.id), "{theirs:?}");
    assert!(env.db.member_registrations(&[]).await.unwrap().is_empty());

    let mut lines: Vec<Uuid> = env.db.program_attendance(&[morning.id]).await.unwrap().iter().map(|l| l.id).collect();
    lines.sort();
    let mut want = vec![l1.id, l2.id];
    want.sort();
    assert_eq!(lines, want, "the session's, the tombstone left out");
    let lines: Vec<Uuid> = env.db.program_attendance(&[evening.id]).await.unwrap().iter().map(|l| l.id).collect();
    assert_eq!(lines, vec![l_other.id]);
    assert!(env.db.program_attendance(&[]).await.unwrap().is_empty());
    env.finish().await;
}

async fn attended_topic_since_is_exactly_who_was_there(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let (hq, a, b) = (w.hq.id, w.center_a.id, w.center_b.id);
    let mut members = Vec::new();
    for (center, name) in
        [(a, "یک"), (a, "دو"), (a, "سه"), (a, "چهار"), (b, "پنج"), (a, "شش"), (a, "هفت"), (a, "هشت"), (a, "نه")]
    {
        let f = env.family(center, &format!("خانوادهٔ {name}"), "عضو", name).await;
        members.push((f.head_member_id.unwrap(), f.id));
    }
    let [
        present,
        absent,
        earlier,
        other_topic,
        at_center_b,
        unregistered,
        of_removed_session,
        of_other_hq,
        of_removed_line,
    ] = members.try_into().unwrap();
    let topic = "مهارت‌های زندگی";
    let since = day(2025, 3, 1);

    // The topic at center A, and again at center B (same headquarters).
    let p = program(hq, a, topic);
    let p_b = program(hq, b, "مهارت های زندگی");
    assert_eq!(p.topic_key, p_b.topic_key, "a half-space or a space: the same topic");
    let other = program(hq, a, "سواد مالی");
    let foreign = program(w.other_hq.id, w.other_center.id, topic);
    let removed_program = program(hq, a, topic);

    let on_since = session(p.id, since, None);
    let before = session(p.id, day(2025, 2, 28), Some(time(10, 0)));
    let removed_session = session(p.id, day(2025, 4, 1), None);
    let s_b = session(p_b.id, day(2025, 5, 1), None);
    let s_b2 = session(p_b.id, day(2025, 5, 8), Some(time(17, 0)));
    let s_other = session(other.id, day(2025, 5, 1), None);
    let s_foreign = session(foreign.id, day(2025, 5, 1), None);
    let s_removed_program = session(removed_program.id, day(2025, 5, 1), None);

    let reg = |program_id: Uuid, (member, family): (Uuid, Uuid)| member_of(program_id, member, family);
    let r_present = reg(p.id, present);
    let r_absent = reg(p.id, absent);
    let r_earlier = reg(p.id, earlier);
    let r_other = reg(other.id, other_topic);
    let r_b = reg(p_b.id, at_center_b);
    let r_unregistered = reg(p.id, unregistered);
    let r_removed_session = reg(p.id, of_removed_session);
    let r_foreign = reg(foreign.id, of_other_hq);
    let r_removed_line = reg(p.id, of_removed_line);
    let removed_line = line(&on_since, &r_removed_line, true);
    // The same member at a deleted program's session.
    let r_removed_program = reg(removed_program.id, absent);
    let guest = walk_in(a, "مهمان");
    let r_guest = walk_in_at(p.id, guest.id);

    let write = ProgramsWrite {
        programs: vec![p.clone(), p_b.clone(), other.clone(), foreign.clone(), removed_program.clone()],
        sessions: vec![
            on_since.clone(),
            before.clone(),
            removed_session.clone(),
            s_b.clone(),
            s_b2.clone(),
            s_other.clone(),
            s_foreign.clone(),
            s_removed_program.clone(),
        ],
        walk_ins: vec![guest.clone()],
        registrations: vec![
            r_present.clone(),
            r_absent.clone(),
            r_earlier.clone(),
            r_other.clone(),
            r_b.clone(),
            r_unregistered.clone(),
            r_removed_session.clone(),
            r_foreign.clone(),
            r_removed_line.clone(),
            r_removed_program.clone(),
            r_guest.clone(),
        ],
        attendance: vec![
            line(&on_since, &r_present, true),
            line(&removed_session, &r_present, true),
            line(&on_since, &r_absent, false),
            line(&before, &r_earlier, true),
            line(&on_since, &r_earlier, false),
            line(&s_other, &r_other, true),
            // Twice present: listed once.
            line(&s_b, &r_b, true),
            line(&s_b2, &r_b, true),
            line(&on_since, &r_unregistered, true),
            line(&removed_session, &r_removed_session, true),
            line(&s_foreign, &r_foreign, true),
            line(&s_removed_program, &r_removed_program, true),
            line(&on_since, &r_guest, true),
            removed_line.clone(),
        ],
    };
    env.db.save_programs(ctx(None), &write).await.unwrap();
    let mut tomb = ProgramsWrite::default();
    let mut x = removed_program.clone();
    x.meta = tombstoned(&removed_program.meta);
    tomb.programs.push(x);
    let mut x = removed_session.clone();
    x.meta = tombstoned(&removed_session.meta);
    tomb.sessions.push(x);
    let mut x = r_unregistered.clone();
    x.meta = tombstoned(&r_unregistered.meta);
    tomb.registrations.push(x);
    let mut x = removed_line.clone();
    x.meta = tombstoned(&removed_line.meta);
    tomb.attendance.push(x);
    env.db.save_programs(ctx(None), &tomb).await.unwrap();

    let key = search_key(topic);
    let mut want = vec![present.0, at_center_b.0];
    want.sort();
    let mut found = env.db.attended_topic_since(hq, &key, since).await.unwrap();
    found.sort();
    assert_eq!(found, want, "present, on or after the day, live, of this topic and headquarters");
    // A day later the session on `since` no longer counts; a day earlier
    // the one before does.
    let mut found = env.db.attended_topic_since(hq, &key, day(2025, 3, 2)).await.unwrap();
    found.sort();
    assert_eq!(found, vec![at_center_b.0]);
    let mut found = env.db.attended_topic_since(hq, &key, day(2025, 2, 28)).await.unwrap();
    found.sort();
    let mut want = vec![present.0, earlier.0, at_center_b.0];
    want.sort();
    assert_eq!(found, want);
    assert_eq!(env.db.attended_topic_since(w.other_hq.id, &key, since).await.unwrap(), vec![of_other_hq.0]);
    assert_eq!(env.db.attended_topic_since(hq, &search_key("سواد مالی"), since).await.unwrap(), vec![other_topic.0]);
    assert!(env.db.attended_topic_since(hq, &search_key("نامعلوم"), since).await.unwrap().is_empty());
    env.finish().await;
}
