//! Storage of focused assistance: every record round-trips, versions are
//! checked, lists are scoped, and family records join the family's history.

use crate::{
    on_both_backends,
    support::{Backend, Env},
};
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use hamyar_application::{
    model::{
        Activity, AssistanceWrite, Attendee, Commission, CommissionMember, Decision, Goal, HarmRef, Meeting, Referral,
        Resource, Service, SyncMeta, Task, TaskAssignee, WriteContext,
    },
    ports::{AssistanceStore, FamilyStore, Scope, StoreError},
};
use hamyar_domain::{
    assistance::{
        ActivityStatus, GoalStatus, MemberCapacity, Minutes, ReferralStatus, ResourceKind, ResourceLevel, Responsible,
        ServiceKind, TaskStatus, Urgency,
    },
    persian::search_key,
    tier::AssessmentDomain,
};
use hamyar_storage::entity::family;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

on_both_backends!(
    every_record_round_trips,
    a_stale_version_conflicts_and_writes_nothing,
    lists_are_scoped_live_and_searchable,
    family_records_join_the_family_history,
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

fn resource(hq_id: Uuid, center_id: Option<Uuid>, name: &str, offers: &str) -> Resource {
    Resource {
        id: Uuid::now_v7(),
        hq_id,
        center_id,
        kind: ResourceKind::Counselor,
        level: ResourceLevel::Provincial,
        name: name.to_owned(),
        domains: vec![AssessmentDomain::Social, AssessmentDomain::Cultural],
        offers: offers.to_owned(),
        capacity: Some(12),
        contact_name: "خانم رضایی".to_owned(),
        phone: "02188776655".to_owned(),
        address: "خیابان انقلاب".to_owned(),
        area: "منطقهٔ ۶".to_owned(),
        notes: "یادداشت".to_owned(),
        user_id: None,
        meta: SyncMeta::new(now()),
    }
}

fn commission(hq_id: Uuid, center_id: Option<Uuid>, name: &str) -> Commission {
    Commission {
        id: Uuid::now_v7(),
        hq_id,
        center_id,
        domain: AssessmentDomain::Economic,
        name: name.to_owned(),
        notes: "کمیسیون اقتصادی".to_owned(),
        meta: SyncMeta::new(now()),
    }
}

fn seat(commission_id: Uuid, user_id: Option<Uuid>) -> CommissionMember {
    CommissionMember {
        id: Uuid::now_v7(),
        commission_id,
        user_id,
        name: "دکتر کریمی".to_owned(),
        capacity: MemberCapacity::Specialist,
        organization: "بهزیستی".to_owned(),
        meta: SyncMeta::new(now()),
    }
}

fn referral(family_id: Uuid, center_id: Uuid, on: NaiveDate) -> Referral {
    Referral {
        id: Uuid::now_v7(),
        family_id,
        center_id,
        member_id: None,
        resource_id: None,
        receiver_user_id: None,
        commission_id: None,
        reason: "نیاز به مشاوره".to_owned(),
        urgency: Urgency::Soon,
        status: ReferralStatus::Sent,
        feedback: String::new(),
        referred_on: on,
        referred_by: None,
        meta: SyncMeta::new(now()),
    }
}

fn goal(family_id: Uuid, center_id: Uuid, harm: Option<HarmRef>) -> Goal {
    Goal {
        id: Uuid::now_v7(),
        family_id,
        center_id,
        member_id: None,
        domain: AssessmentDomain::Social,
        harm,
        title: "بازگشت به مدرسه".to_owned(),
        notes: "یادداشت هدف".to_owned(),
        status: GoalStatus::Open,
        created_by: None,
        meta: SyncMeta::new(now()),
    }
}

fn activity(family_id: Uuid, center_id: Uuid, due_on: NaiveDate) -> Activity {
    Activity {
        id: Uuid::now_v7(),
        family_id,
        center_id,
        goal_id: None,
        member_id: None,
        kind: ServiceKind::FaceToFace,
        domain: AssessmentDomain::Social,
        title: "دیدار خانه".to_owned(),
        due_on,
        responsible: Responsible::Helper,
        resource_id: None,
        task_id: None,
        status: ActivityStatus::Planned,
        notes: String::new(),
        service_id: None,
        created_by: None,
        meta: SyncMeta::new(now()),
    }
}

fn service(family_id: Uuid, center_id: Uuid, served_on: NaiveDate) -> Service {
    Service {
        id: Uuid::now_v7(),
        family_id,
        center_id,
        kind: ServiceKind::Counseling,
        domain: AssessmentDomain::Cultural,
        served_on,
        minutes: Minutes::new("minutes", 45).unwrap(),
        member_ids: Vec::new(),
        resource_id: None,
        notes: "گفت‌وگو".to_owned(),
        outcome: "خوب".to_owned(),
        follow_up_on: None,
        activity_id: None,
        referral_id: None,
        amends: None,
        amend_reason: String::new(),
        author_id: None,
        meta: SyncMeta::new(now()),
    }
}

fn meeting(commission_id: Uuid, held_on: NaiveDate, agenda: Vec<Uuid>) -> Meeting {
    Meeting {
        id: Uuid::now_v7(),
        commission_id,
        held_on,
        place: "سالن مرکز".to_owned(),
        attendees: Vec::new(),
        agenda,
        notes: String::new(),
        meta: SyncMeta::new(now()),
    }
}

fn decision(m: &Meeting, r: &Referral) -> Decision {
    Decision {
        id: Uuid::now_v7(),
        commission_id: m.commission_id,
        meeting_id: m.id,
        referral_id: r.id,
        family_id: r.family_id,
        text: "وام خوداشتغالی".to_owned(),
        meta: SyncMeta::new(now()),
    }
}

fn task(d: &Decision, assignee: TaskAssignee, due_on: NaiveDate) -> Task {
    Task {
        id: Uuid::now_v7(),
        commission_id: d.commission_id,
        meeting_id: d.meeting_id,
        decision_id: d.id,
        referral_id: d.referral_id,
        family_id: d.family_id,
        title: "پیگیری وام".to_owned(),
        assignee,
        due_on,
        status: TaskStatus::Open,
        done_on: None,
        done_note: String::new(),
        done_by: None,
        meta: SyncMeta::new(now()),
    }
}

/// The next version of a record's meta.
fn bump(meta: &SyncMeta) -> SyncMeta {
    meta.bumped(now())
}

fn tombstoned(meta: &SyncMeta) -> SyncMeta {
    let mut next = meta.bumped(now());
    next.deleted_at = Some(now());
    next
}

async fn every_record_round_trips(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let family = env.family(w.center_a.id, "خانوادهٔ سعیدی", "مریم", "سعیدی").await;
    let head = family.head_member_id.unwrap();
    let (hq, center) = (w.hq.id, w.center_a.id);

    let mut res = resource(hq, Some(center), "مرکز مشاورهٔ امید", "مشاورهٔ خانواده");
    res.user_id = Some(w.manager_a.id);
    let mut hq_res = resource(hq, None, "خیریهٔ نور", "جهیزیه");
    (hq_res.capacity, hq_res.domains, hq_res.kind) = (None, vec![AssessmentDomain::Economic], ResourceKind::Benefactor);
    let com = commission(hq, Some(center), "کمیسیون اقتصادی مرکز");
    let mut hq_com = commission(hq, None, "کمیسیون ستاد");
    hq_com.domain = AssessmentDomain::Cultural;
    let with_account = seat(com.id, Some(w.manager_a.id));
    let mut guest = seat(com.id, None);
    (guest.capacity, guest.organization) = (MemberCapacity::Activist, String::new());
    let mut to_resource = referral(family.id, center, day(2025, 4, 2));
    (to_resource.member_id, to_resource.resource_id, to_resource.receiver_user_id) =
        (Some(head), Some(res.id), Some(w.manager_a.id));
    (to_resource.urgency, to_resource.referred_by) = (Urgency::Urgent, Some(w.helper_a.id));
    let mut to_commission = referral(family.id, center, day(2025, 4, 3));
    (to_commission.commission_id, to_commission.status) = (Some(com.id), ReferralStatus::Accepted);
    to_commission.feedback = "بررسی در جلسه".to_owned();
    let mut harmed = goal(
        family.id,
        center,
        Some(HarmRef {
            indicator: "school_dropout".to_owned(), member_id: Some(head), label: "ترک تحصیل".to_owned()
        }),
    );
    (harmed.member_id, harmed.created_by) = (Some(head), Some(w.helper_a.id));
    let mut family_harm = goal(
        family.id,
        center,
        Some(HarmRef { indicator: "debt".to_owned(), member_id: None, label: "بدهی".to_owned() }),
    );
    family_harm.status = GoalStatus::Achieved;
    let plain = goal(family.id, center, None);
    let mut act = activity(family.id, center, day(2025, 4, 10));
    (act.goal_id, act.member_id, act.resource_id) = (Some(harmed.id), Some(head), Some(res.id));
    (act.responsible, act.status, act.kind) = (Responsible::Resource, ActivityStatus::Done, ServiceKind::Connection);
    (act.notes, act.created_by) = ("انجام شد".to_owned(), Some(w.helper_a.id));
    let mut svc = service(family.id, center, day(2025, 4, 10));
    (svc.member_ids, svc.resource_id, svc.follow_up_on) =
        (vec![head, Uuid::now_v7()], Some(res.id), Some(day(2025, 5, 1)));
    (svc.activity_id, svc.referral_id, svc.author_id) = (Some(act.id), Some(to_resource.id), Some(w.helper_a.id));
    act.service_id = Some(svc.id);
    let mut amendment = service(family.id, center, day(2025, 4, 10));
    (amendment.amends, amendment.amend_reason) = (Some(svc.id), "مدت اشتباه بود".to_owned());
    amendment.minutes = Minutes::new("minutes", 720).unwrap();
    let mut meet = meeting(com.id, day(2025, 4, 20), vec![to_commission.id]);
    meet.attendees = vec![
        Attendee { member_id: Some(with_account.id), user_id: Some(w.manager_a.id), name: "مدیر".to_owned() },
        Attendee { member_id: None, user_id: None, name: "مهمان".to_owned() },
    ];
    meet.notes = "صورت‌جلسه".to_owned();
    let dec = decision(&meet, &to_commission);
    let by_member = task(&dec, TaskAssignee::Member(with_account.id), day(2025, 5, 5));
    let mut by_resource = task(&dec, TaskAssignee::Resource(res.id), day(2025, 5, 6));
    (by_resource.status, by_resource.done_on) = (TaskStatus::Done, Some(day(2025, 5, 4)));
    (by_resource.done_note, by_resource.done_by) = ("وام پرداخت شد".to_owned(), Some(w.manager_a.id));
    let by_helper = task(&dec, TaskAssignee::Helper, day(2025, 5, 7));

    let write = AssistanceWrite {
        resources: vec![res.clone(), hq_res.clone()],
        services: vec![svc.clone(), amendment.clone()],
        goals: vec![harmed.clone(), family_harm.clone(), plain.clone()],
        activities: vec![act.clone()],
        referrals: vec![to_resource.clone(), to_commission.clone()],
        commissions: vec![com.clone(), hq_com.clone()],
        members: vec![with_account.clone(), guest.clone()],
        meetings: vec![meet.clone()],
        decisions: vec![dec.clone()],
        tasks: vec![by_member.clone(), by_resource.clone(), by_helper.clone()],
    };
    env.db.save_assistance(ctx(Some(w.helper_a.id)), &write).await.unwrap();

    for r in [&res, &hq_res] {
        assert_eq!(env.db.get_resource(r.id).await.unwrap().as_ref(), Some(r));
    }
    for s in [&svc, &amendment] {
        assert_eq!(env.db.get_service(s.id).await.unwrap().as_ref(), Some(s));
    }
    for g in [&harmed, &family_harm, &plain] {
        assert_eq!(env.db.get_goal(g.id).await.unwrap().as_ref(), Some(g));
    }
    assert_eq!(env.db.get_activity(act.id).await.unwrap(), Some(act.clone()));
    for r in [&to_resource, &to_commission] {
        assert_eq!(env.db.get_referral(r.id).await.unwrap().as_ref(), Some(r));
    }
    for c in [&com, &hq_com] {
        assert_eq!(env.db.get_commission(c.id).await.unwrap().as_ref(), Some(c));
    }
    let mut seats = env.db.commission_members(&[com.id]).await.unwrap();
    seats.sort_by_key(|s| s.id);
    assert_eq!(seats, vec![with_account.clone(), guest.clone()]);
    assert_eq!(env.db.get_meeting(meet.id).await.unwrap(), Some(meet.clone()));
    assert_eq!(env.db.get_decision(dec.id).await.unwrap(), Some(dec.clone()));
    for t in [&by_member, &by_resource, &by_helper] {
        assert_eq!(env.db.get_task(t.id).await.unwrap().as_ref(), Some(t));
    }
    assert_eq!(env.db.get_goal(Uuid::now_v7()).await.unwrap(), None);

    // An update replaces every field, optional ones included.
    let mut edited = harmed.clone();
    (edited.harm, edited.member_id, edited.status) = (None, None, GoalStatus::Dropped);
    edited.meta = bump(&harmed.meta);
    let mut closed = by_helper.clone();
    (closed.status, closed.done_on, closed.assignee) =
        (TaskStatus::Cancelled, Some(day(2025, 5, 8)), TaskAssignee::Helper);
    closed.meta = bump(&by_helper.meta);
    let mut moved = res.clone();
    (moved.center_id, moved.capacity, moved.user_id) = (None, Some(3), None);
    moved.meta = bump(&res.meta);
    let write = AssistanceWrite {
        goals: vec![edited.clone()],
        tasks: vec![closed.clone()],
        resources: vec![moved.clone()],
        ..Default::default()
    };
    env.db.save_assistance(ctx(None), &write).await.unwrap();
    assert_eq!(env.db.get_goal(edited.id).await.unwrap(), Some(edited));
    assert_eq!(env.db.get_task(closed.id).await.unwrap(), Some(closed));
    assert_eq!(env.db.get_resource(moved.id).await.unwrap(), Some(moved));
    env.finish().await;
}

async fn a_stale_version_conflicts_and_writes_nothing(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let family = env.family(w.center_a.id, "خانوادهٔ نادری", "رضا", "نادری").await;
    let original = goal(family.id, w.center_a.id, None);
    let write = AssistanceWrite { goals: vec![original.clone()], ..Default::default() };
    env.db.save_assistance(ctx(None), &write).await.unwrap();

    let mut first = original.clone();
    (first.title, first.meta) = ("اول".to_owned(), bump(&original.meta));
    let write = AssistanceWrite { goals: vec![first.clone()], ..Default::default() };
    env.db.save_assistance(ctx(None), &write).await.unwrap();
    let logged = env.db.family_history(family.id).await.unwrap().len();

    // The same base version again, with a new record in the same write.
    let mut second = original.clone();
    (second.title, second.meta) = ("دوم".to_owned(), bump(&original.meta));
    let newcomer = resource(w.hq.id, None, "تازه", "");
    let fresh_activity = activity(family.id, w.center_a.id, day(2025, 6, 1));
    let write = AssistanceWrite {
        resources: vec![newcomer.clone()],
        goals: vec![second],
        activities: vec![fresh_activity.clone()],
        ..Default::default()
    };
    let err = env.db.save_assistance(ctx(None), &write).await.unwrap_err();
    assert!(matches!(err, StoreError::VersionConflict), "{err:?}");
    assert_eq!(env.db.get_goal(original.id).await.unwrap(), Some(first));
    assert_eq!(env.db.get_resource(newcomer.id).await.unwrap(), None, "the whole write rolled back");
    assert_eq!(env.db.get_activity(fresh_activity.id).await.unwrap(), None);
    assert_eq!(env.db.family_history(family.id).await.unwrap().len(), logged, "nothing logged");

    // Creating a record twice is no update.
    let write = AssistanceWrite { goals: vec![original.clone()], ..Default::default() };
    assert!(env.db.save_assistance(ctx(None), &write).await.is_err());
    // Updating a record that was never written: not found.
    let mut ghost = goal(family.id, w.center_a.id, None);
    ghost.meta = bump(&ghost.meta);
    let write = AssistanceWrite { goals: vec![ghost], ..Default::default() };
    let err = env.db.save_assistance(ctx(None), &write).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    env.finish().await;
}

async fn lists_are_scoped_live_and_searchable(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let (a, b) = (w.center_a.id, w.center_b.id);
    let mine = env.family(a, "خانوادهٔ یکم", "زهرا", "یکم").await;
    let neighbor = env.family(a, "خانوادهٔ دوم", "حسن", "دوم").await;
    let elsewhere = env.family(b, "خانوادهٔ سوم", "سارا", "سوم").await;
    let gone = env.family(a, "خانوادهٔ ادغام‌شده", "نرگس", "رفته").await;

    // Services: newest first, amendments included, tombstones not.
    let old = service(mine.id, a, day(2025, 3, 1));
    let new = service(mine.id, a, day(2025, 3, 9));
    let mut fix = service(mine.id, a, day(2025, 3, 1));
    (fix.amends, fix.amend_reason) = (Some(old.id), "اصلاح".to_owned());
    let removed = service(mine.id, a, day(2025, 3, 5));
    let theirs = service(neighbor.id, a, day(2025, 3, 2));
    let far = service(elsewhere.id, b, day(2025, 3, 3));
    // Goals: oldest first.
    let (g1, g2, g_other) = (goal(mine.id, a, None), goal(mine.id, a, None), goal(elsewhere.id, b, None));
    let g_removed = goal(mine.id, a, None);
    // Activities: by day.
    let late = activity(mine.id, a, day(2025, 4, 20));
    let early = activity(mine.id, a, day(2025, 4, 5));
    let outside = activity(mine.id, a, day(2025, 5, 1));
    let next_door = activity(neighbor.id, a, day(2025, 4, 10));
    let other_center = activity(elsewhere.id, b, day(2025, 4, 10));
    let of_gone = activity(gone.id, a, day(2025, 4, 12));
    let cancelled = activity(mine.id, a, day(2025, 4, 15));
    // Referrals: to an account, to commissions, to neither.
    let com = commission(w.hq.id, Some(a), "کمیسیون الف");
    let other_com = commission(w.hq.id, Some(b), "کمیسیون ب");
    let dead_com = commission(w.hq.id, None, "کمیسیون منحل");
    let mut to_manager = referral(mine.id, a, day(2025, 4, 1));
    to_manager.receiver_user_id = Some(w.manager_b.id);
    let mut to_com = referral(neighbor.id, a, day(2025, 4, 2));
    to_com.commission_id = Some(com.id);
    let mut to_other_com = referral(elsewhere.id, b, day(2025, 4, 3));
    to_other_com.commission_id = Some(other_com.id);
    let nobody = referral(mine.id, a, day(2025, 4, 4));
    let mut withdrawn = referral(mine.id, a, day(2025, 4, 5));
    withdrawn.receiver_user_id = Some(w.manager_b.id);
    // Seats: the manager sits on two commissions, one seat removed later,
    // and on a commission that is dissolved.
    let seat_a = seat(com.id, Some(w.manager_b.id));
    let seat_b = seat(other_com.id, Some(w.manager_b.id));
    let seat_dead = seat(dead_com.id, Some(w.manager_b.id));
    let someone_else = seat(com.id, Some(w.helper_b.id));
    // Decisions and tasks.
    let meet = meeting(com.id, day(2025, 4, 25), vec![to_com.id]);
    let meet2 = meeting(com.id, day(2025, 4, 26), vec![]);
    let d_mine = decision(&meet, &to_manager);
    let d_neighbor = decision(&meet, &to_com);
    let d_removed = decision(&meet2, &nobody);
    let t_late = task(&d_mine, TaskAssignee::Helper, day(2025, 6, 2));
    let t_early = task(&d_mine, TaskAssignee::Helper, day(2025, 6, 1));
    let t_neighbor = task(&d_neighbor, TaskAssignee::Helper, day(2025, 6, 1));
    let t_removed = task(&d_mine, TaskAssignee::Helper, day(2025, 6, 3));
    // The directory.
    let counseling = resource(w.hq.id, Some(a), "مرکز امید", "مشاوره خانواده و کودک");
    // Typed with Arabic ي and ك, and a space inside the word.
    let typed_arabic = resource(w.hq.id, None, "انجمن ياري", "مشا وره‌ي رايگان با كارشناس");
    let jobs = resource(w.hq.id, Some(b), "کاریابی", "اشتغال");
    let other_hq = resource(w.other_hq.id, None, "مرکز مشاوره قم", "مشاوره");
    let retired = resource(w.hq.id, None, "مشاوره قدیمی", "مشاوره");
    let underscore = resource(w.hq.id, None, "نام_دار", "");

    let write = AssistanceWrite {
        resources: vec![
            counseling.clone(),
            typed_arabic.clone(),
            jobs.clone(),
            other_hq.clone(),
            retired.clone(),
            underscore.clone(),
        ],
        services: vec![old.clone(), new.clone(), fix.clone(), removed.clone(), theirs.clone(), far.clone()],
        goals: vec![g1.clone(), g2.clone(), g_other.clone(), g_removed.clone()],
        activities: vec![
            late.clone(),
            early.clone(),
            outside.clone(),
            next_door.clone(),
            other_center.clone(),
            of_gone.clone(),
            cancelled.clone(),
        ],
        referrals: vec![to_manager.clone(), to_com.clone(), to_other_com.clone(), nobody.clone(), withdrawn.clone()],
        commissions: vec![com.clone(), other_com.clone(), dead_com.clone()],
        members: vec![seat_a.clone(), seat_b.clone(), seat_dead.clone(), someone_else.clone()],
        meetings: vec![meet.clone(), meet2.clone()],
        decisions: vec![d_mine.clone(), d_neighbor.clone(), d_removed.clone()],
        tasks: vec![t_late.clone(), t_early.clone(), t_neighbor.clone(), t_removed.clone()],
    };
    env.db.save_assistance(ctx(None), &write).await.unwrap();

    // Tombstones.
    let mut tomb = AssistanceWrite::default();
    let mut r = removed.clone();
    r.meta = tombstoned(&removed.meta);
    tomb.services.push(r);
    let mut g = g_removed.clone();
    g.meta = tombstoned(&g_removed.meta);
    tomb.goals.push(g);
    let mut c = cancelled.clone();
    c.meta = tombstoned(&cancelled.meta);
    tomb.activities.push(c);
    let mut x = withdrawn.clone();
    x.meta = tombstoned(&withdrawn.meta);
    tomb.referrals.push(x);
    let mut x = dead_com.clone();
    x.meta = tombstoned(&dead_com.meta);
    tomb.commissions.push(x);
    let mut x = seat_b.clone();
    x.meta = tombstoned(&seat_b.meta);
    tomb.members.push(x);
    let mut x = d_removed.clone();
    x.meta = tombstoned(&d_removed.meta);
    tomb.decisions.push(x);
    let mut x = t_removed.clone();
    x.meta = tombstoned(&t_removed.meta);
    tomb.tasks.push(x);
    let mut x = retired.clone();
    x.meta = tombstoned(&retired.meta);
    tomb.resources.push(x);
    env.db.save_assistance(ctx(None), &tomb).await.unwrap();
    assert_eq!(env.db.get_service(removed.id).await.unwrap(), None, "a tombstone is not found");
    // A family merged away (tombstoned) leaves the calendars.
    let merged = family::Entity::update_many()
        .col_expr(family::Column::DeletedAt, Expr::value(Some(now())))
        .filter(family::Column::Id.eq(gone.id))
        .exec(env.db.connection())
        .await
        .unwrap();
    assert_eq!(merged.rows_affected, 1);

    let services: Vec<Uuid> = env.db.family_services(&[mine.id]).await.unwrap().iter().map(|s| s.id).collect();
    assert_eq!(services, vec![new.id, fix.id, old.id], "newest first, the amendment after the service on the same day");
    let both: Vec<Uuid> =
        env.db.family_services(&[mine.id, elsewhere.id]).await.unwrap().iter().map(|s| s.id).collect();
    assert_eq!(both, vec![new.id, far.id, fix.id, old.id]);
    assert!(env.db.family_services(&[]).await.unwrap().is_empty());

    let goals: Vec<Uuid> = env.db.family_goals(&[mine.id]).await.unwrap().iter().map(|g| g.id).collect();
    assert_eq!(goals, vec![g1.id, g2.id]);
    assert!(env.db.family_goals(&[]).await.unwrap().is_empty());

    let acts: Vec<Uuid> = env.db.family_activities(&[mine.id]).await.unwrap().iter().map(|a| a.id).collect();
    assert_eq!(acts, vec![early.id, late.id, outside.id], "by day, the tombstone left out");
    let due: Vec<Uuid> = env
        .db
        .activities_due(Scope::Center(a), day(2025, 4, 5), day(2025, 4, 20))
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(due, vec![early.id, next_door.id, late.id], "center A, inclusive window, live families only");
    let due_b: Vec<Uuid> = env
        .db
        .activities_due(Scope::Center(b), day(2025, 1, 1), day(2025, 12, 31))
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(due_b, vec![other_center.id]);
    assert!(env.db.activities_due(Scope::Center(a), day(2025, 4, 21), day(2025, 4, 30)).await.unwrap().is_empty());
    assert!(env.db.activities_due(Scope::Nothing, day(2025, 1, 1), day(2025, 12, 31)).await.unwrap().is_empty());
    assert!(
        env.db
            .activities_due(Scope::Headquarters(w.hq.id), day(2025, 1, 1), day(2025, 12, 31))
            .await
            .unwrap()
            .is_empty()
    );
    let unassigned = Scope::AssignedTo { user_id: w.helper_a.id, on: day(2025, 4, 10) };
    assert!(env.db.activities_due(unassigned, day(2025, 1, 1), day(2025, 12, 31)).await.unwrap().is_empty());

    let refs: Vec<Uuid> = env.db.family_referrals(&[mine.id]).await.unwrap().iter().map(|r| r.id).collect();
    assert_eq!(refs, vec![nobody.id, to_manager.id], "newest first, the tombstone left out");
    let received: Vec<Uuid> =
        env.db.referrals_received(Some(w.manager_b.id), &[com.id]).await.unwrap().iter().map(|r| r.id).collect();
    assert_eq!(received, vec![to_com.id, to_manager.id]);
    let received: Vec<Uuid> =
        env.db.referrals_received(Some(w.manager_b.id), &[]).await.unwrap().iter().map(|r| r.id).collect();
    assert_eq!(received, vec![to_manager.id], "no commissions: the account's own");
    let received: Vec<Uuid> =
        env.db.referrals_received(Some(w.helper_b.id), &[other_com.id]).await.unwrap().iter().map(|r| r.id).collect();
    assert_eq!(received, vec![to_other_com.id]);
    let at_a: Vec<Uuid> = env.db.center_referrals(a).await.unwrap().iter().map(|r| r.id).collect();
    assert_eq!(at_a, vec![nobody.id, to_com.id, to_manager.id]);

    let mut sits: Vec<Uuid> = env.db.member_commissions(w.manager_b.id).await.unwrap();
    sits.sort();
    assert_eq!(sits, vec![com.id], "neither the removed seat nor the dissolved commission");
    let seats: Vec<Uuid> =
        env.db.commission_members(&[com.id, other_com.id]).await.unwrap().iter().map(|s| s.id).collect();
    assert_eq!(seats.len(), 2);
    assert!(seats.contains(&seat_a.id) && seats.contains(&someone_else.id));
    assert!(env.db.commission_members(&[]).await.unwrap().is_empty());
    let commissions: Vec<Uuid> = env.db.list_commissions(w.hq.id).await.unwrap().iter().map(|c| c.id).collect();
    assert_eq!(commissions, vec![com.id, other_com.id], "by name, the dissolved one left out");
    assert!(env.db.list_commissions(w.other_hq.id).await.unwrap().is_empty());
    let meetings: Vec<Uuid> = env.db.commission_meetings(com.id).await.unwrap().iter().map(|m| m.id).collect();
    assert_eq!(meetings, vec![meet2.id, meet.id]);

    let decided: Vec<Uuid> = env.db.family_decisions(&[mine.id]).await.unwrap().iter().map(|d| d.id).collect();
    assert_eq!(decided, vec![d_mine.id]);
    let in_meetings: Vec<Uuid> =
        env.db.meeting_decisions(&[meet.id, meet2.id]).await.unwrap().iter().map(|d| d.id).collect();
    assert_eq!(in_meetings, vec![d_mine.id, d_neighbor.id]);
    assert!(env.db.meeting_decisions(&[]).await.unwrap().is_empty());
    let tasks: Vec<Uuid> = env.db.family_tasks(&[mine.id]).await.unwrap().iter().map(|t| t.id).collect();
    assert_eq!(tasks, vec![t_early.id, t_late.id], "by due day, the tombstone left out");
    let tasks: Vec<Uuid> = env.db.commission_tasks(&[com.id]).await.unwrap().iter().map(|t| t.id).collect();
    assert_eq!(tasks, vec![t_early.id, t_neighbor.id, t_late.id]);
    let tasks: Vec<Uuid> =
        env.db.family_tasks(&[neighbor.id, elsewhere.id]).await.unwrap().iter().map(|t| t.id).collect();
    assert_eq!(tasks, vec![t_neighbor.id]);
    assert!(env.db.commission_tasks(&[other_com.id]).await.unwrap().is_empty());

    // The directory: the headquarters' and its centers' resources, by name.
    let all: Vec<Uuid> = env.db.list_resources(w.hq.id, None).await.unwrap().iter().map(|r| r.id).collect();
    let mut by_name = [&counseling, &typed_arabic, &jobs, &underscore];
    by_name.sort_by(|x, y| hamyar_domain::persian::compare(&x.name, &y.name).then(x.id.cmp(&y.id)));
    assert_eq!(all, by_name.iter().map(|r| r.id).collect::<Vec<_>>());
    // «مشاوره» typed with spaces, half-spaces or Arabic letters finds both.
    for typed in ["مشاوره", "مشا وره", "مشا\u{200c}وره", "مشاورة"] {
        let key = search_key(typed);
        let mut found: Vec<Uuid> =
            env.db.list_resources(w.hq.id, Some(&key)).await.unwrap().iter().map(|r| r.id).collect();
        found.sort();
        let mut want = vec![counseling.id, typed_arabic.id];
        want.sort();
        assert_eq!(found, want, "search {typed:?}");
    }
    let found = env.db.list_resources(w.hq.id, Some(&search_key("رایگان با کارشناس"))).await.unwrap();
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), vec![typed_arabic.id]);
    let found = env.db.list_resources(w.hq.id, Some(&search_key("منطقهٔ ۶"))).await.unwrap();
    assert_eq!(found.len(), 4, "the area is searched too");
    let found = env.db.list_resources(w.hq.id, Some("_")).await.unwrap();
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), vec![underscore.id], "_ is no wildcard");
    assert!(env.db.list_resources(w.hq.id, Some("%")).await.unwrap().is_empty(), "% is no wildcard");
    assert!(env.db.list_resources(w.hq.id, Some(&search_key("قدیمی"))).await.unwrap().is_empty());
    env.finish().await;
}

async fn family_records_join_the_family_history(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let a = w.center_a.id;
    let family = env.family(a, "خانوادهٔ تاریخچه", "امین", "تاریخی").await;
    let other = env.family(a, "خانوادهٔ دیگر", "لیلا", "دیگری").await;
    let res = resource(w.hq.id, Some(a), "مرکز", "مشاوره");
    let com = commission(w.hq.id, Some(a), "کمیسیون");
    let member = seat(com.id, None);
    let g = goal(family.id, a, None);
    let act = activity(family.id, a, day(2025, 4, 1));
    let svc = service(family.id, a, day(2025, 4, 1));
    let mut r = referral(family.id, a, day(2025, 4, 1));
    r.commission_id = Some(com.id);
    let meet = meeting(com.id, day(2025, 4, 5), vec![r.id]);
    let d = decision(&meet, &r);
    let t = task(&d, TaskAssignee::Member(member.id), day(2025, 4, 30));
    let write = AssistanceWrite {
        resources: vec![res.clone()],
        services: vec![svc.clone()],
        goals: vec![g.clone()],
        activities: vec![act.clone()],
        referrals: vec![r.clone()],
        commissions: vec![com.clone()],
        members: vec![member.clone()],
        meetings: vec![meet.clone()],
        decisions: vec![d.clone()],
        tasks: vec![t.clone()],
    };
    env.db.save_assistance(ctx(Some(w.helper_a.id)), &write).await.unwrap();
    let mut done = act.clone();
    (done.status, done.service_id, done.meta) = (ActivityStatus::Done, Some(svc.id), bump(&act.meta));
    let mut gone = g.clone();
    gone.meta = tombstoned(&g.meta);
    let write = AssistanceWrite { activities: vec![done.clone()], goals: vec![gone], ..Default::default() };
    env.db.save_assistance(ctx(Some(w.manager_a.id)), &write).await.unwrap();

    let history = env.db.family_history(family.id).await.unwrap();
    let entry = |id: Uuid, version: i64| {
        history
            .iter()
            .find(|e| e.entity_id == id && e.version == version)
            .unwrap_or_else(|| panic!("{id} v{version} in the family's history: {history:#?}"))
    };
    for (id, entity) in [
        (svc.id, "service"),
        (g.id, "plan_goal"),
        (act.id, "plan_activity"),
        (r.id, "referral"),
        (d.id, "commission_decision"),
        (t.id, "commission_task"),
    ] {
        let e = entry(id, 1);
        assert_eq!((e.entity.as_str(), e.op.as_str()), (entity, "create"));
        assert_eq!((e.family_id, e.actor_id), (Some(family.id), Some(w.helper_a.id)));
    }
    // Sync compares against the snapshot the log keeps.
    assert_eq!(entry(svc.id, 1).data, svc.snapshot());
    assert_eq!(entry(g.id, 1).data, g.snapshot());
    assert_eq!(entry(r.id, 1).data, r.snapshot());
    assert_eq!(entry(act.id, 2).data, done.snapshot());
    assert_eq!((entry(act.id, 2).op.as_str(), entry(act.id, 2).actor_id), ("update", Some(w.manager_a.id)));
    assert_eq!(entry(g.id, 2).op, "delete");
    assert_eq!(entry(t.id, 1).data["assignee_kind"], "member");
    assert_eq!(entry(d.id, 1).data["text"], d.text.as_str());
    // Organizational records are not a family's.
    for id in [res.id, com.id, member.id, meet.id] {
        assert!(history.iter().all(|e| e.entity_id != id), "{id} is not in the family's history");
    }
    assert!(env.db.family_history(other.id).await.unwrap().iter().all(|e| e.family_id == Some(other.id)));

    // …but they are in the change log, with their headquarters and center.
    use hamyar_application::ports::ChangeLogStore;
    let log = env.db.changes_after(0, 10_000).await.unwrap();
    for (id, entity) in [
        (res.id, "resource"),
        (com.id, "commission"),
        (member.id, "commission_member"),
        (meet.id, "commission_meeting"),
    ] {
        let e = log.iter().find(|e| e.entity_id == id).unwrap_or_else(|| panic!("{entity} logged"));
        assert_eq!((e.entity.as_str(), e.op.as_str(), e.family_id), (entity, "create", None));
    }
    let resource_entry = log.iter().find(|e| e.entity_id == res.id).unwrap();
    assert_eq!(resource_entry.data["name"], "مرکز");
    assert_eq!(resource_entry.data["domains"], serde_json::json!(["social", "cultural"]));
    env.finish().await;
}
