//! The demo: one provincial headquarters, two centers in real kinds of
//! host bodies, their managers, helpers and other staff, and families with
//! Persian names. Every login shares one password, printed at start.

use chrono::NaiveDate;
use hamyar_application::{
    Actor, AppError, Hamyar,
    assessments::{AnswerInput, AssessmentPatch, NewAssessment},
    families::{MemberInput, NewFamilyInput},
    model::FamilySource,
    orgs::CenterPatch,
    users::NewUserInput,
};
use hamyar_domain::{
    instrument::OptionValue,
    organization::HqLevel,
    role::Role,
    tier::{AssessmentDomain, AssessmentKind},
};
use uuid::Uuid;

pub const DEMO_PASSWORD: &str = "hamyar-demo-1404";

pub struct DemoLogin {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    pub center: Option<&'static str>,
}

const LOGINS: &[DemoLogin] = &[
    DemoLogin { username: "admin.tehran", display_name: "مهدی صالحی", role: Role::HqAdmin, center: None },
    DemoLogin {
        username: "manager.golestan",
        display_name: "فاطمه کاظمی",
        role: Role::CenterManager,
        center: Some("golestan"),
    },
    DemoLogin {
        username: "manager.nur", display_name: "حسن طاهری", role: Role::CenterManager, center: Some("nur")
    },
    DemoLogin {
        username: "helper.zahra", display_name: "زهرا موسوی", role: Role::Helper, center: Some("golestan")
    },
    DemoLogin { username: "helper.ali", display_name: "علی نجفی", role: Role::Helper, center: Some("golestan") },
    DemoLogin {
        username: "helper.maryam", display_name: "مریم عباسی", role: Role::Helper, center: Some("nur")
    },
    DemoLogin { username: "trainer.sara", display_name: "سارا یزدانی", role: Role::Trainer, center: None },
    DemoLogin {
        username: "counselor.reza",
        display_name: "دکتر رضا فرهمند",
        role: Role::Specialist,
        center: Some("golestan"),
    },
    DemoLogin {
        username: "commission.hosseini",
        display_name: "احمد حسینی",
        role: Role::CommissionMember,
        center: Some("golestan"),
    },
];

/// (first name, relation, sex, birth date as (year, month, day))
type DemoMember = (&'static str, &'static str, &'static str, (i32, u32, u32));

struct DemoFamily {
    center: &'static str,
    last_name: &'static str,
    neighborhood: &'static str,
    address: &'static str,
    members: &'static [DemoMember],
}

const FAMILIES: &[DemoFamily] = &[
    DemoFamily {
        center: "golestan",
        last_name: "رضایی",
        neighborhood: "گلستان",
        address: "خیابان گلستان، کوچهٔ لاله، پلاک ۱۲",
        members: &[
            ("علی", "head", "male", (1978, 4, 2)),
            ("زینب", "spouse", "female", (1982, 9, 15)),
            ("محمد", "child", "male", (2008, 1, 20)),
            ("فاطمه", "child", "female", (2012, 6, 11)),
        ],
    },
    DemoFamily {
        center: "golestan",
        last_name: "محمدی",
        neighborhood: "گلستان",
        address: "خیابان شهید بهشتی، پلاک ۴۵",
        members: &[
            ("معصومه", "head", "female", (1985, 3, 30)),
            ("امیرحسین", "child", "male", (2010, 11, 3)),
            ("ریحانه", "child", "female", (2014, 2, 19)),
        ],
    },
    DemoFamily {
        center: "golestan",
        last_name: "حسینی",
        neighborhood: "باغ فیض",
        address: "کوچهٔ یاس، پلاک ۳",
        members: &[
            ("سید جواد", "head", "male", (1969, 7, 7)),
            ("سیده مریم", "spouse", "female", (1972, 12, 1)),
            ("سید مهدی", "child", "male", (1998, 5, 23)),
            ("سیده نرگس", "child", "female", (2003, 8, 14)),
            ("کبری", "parent", "female", (1945, 1, 1)),
        ],
    },
    DemoFamily {
        center: "golestan",
        last_name: "کریمی",
        neighborhood: "باغ فیض",
        address: "خیابان ولیعصر، کوچهٔ نسترن، پلاک ۷",
        members: &[("رضا", "head", "male", (1990, 10, 10)), ("الهام", "spouse", "female", (1993, 4, 4))],
    },
    DemoFamily {
        center: "golestan",
        last_name: "جعفری",
        neighborhood: "گلستان",
        address: "بن‌بست شقایق، پلاک ۲",
        members: &[("صغری", "head", "female", (1960, 2, 28)), ("حمید", "child", "male", (1995, 9, 9))],
    },
    DemoFamily {
        center: "nur",
        last_name: "احمدی",
        neighborhood: "نارمک",
        address: "میدان هفت حوض، خیابان گلبرگ، پلاک ۱۸",
        members: &[
            ("مهدی", "head", "male", (1983, 6, 6)),
            ("سمیه", "spouse", "female", (1986, 7, 17)),
            ("یاسین", "child", "male", (2011, 3, 25)),
            ("حدیث", "child", "female", (2016, 10, 30)),
            ("طاها", "child", "male", (2020, 12, 12)),
        ],
    },
    DemoFamily {
        center: "nur",
        last_name: "صادقی",
        neighborhood: "نارمک",
        address: "خیابان جانبازان، کوچهٔ ۳۲، پلاک ۵",
        members: &[("ناصر", "head", "male", (1975, 8, 8)), ("لیلا", "spouse", "female", (1979, 1, 13))],
    },
    DemoFamily {
        center: "nur",
        last_name: "نوری",
        neighborhood: "تهرانپارس",
        address: "فلکهٔ دوم، خیابان ۱۴۶، پلاک ۲۰",
        members: &[("اکرم", "head", "female", (1988, 5, 5)), ("علیرضا", "child", "male", (2013, 9, 1))],
    },
    DemoFamily {
        center: "nur",
        last_name: "قاسمی",
        neighborhood: "تهرانپارس",
        address: "خیابان رشید، کوچهٔ بهار، پلاک ۹",
        members: &[
            ("محسن", "head", "male", (1972, 11, 21)),
            ("فرزانه", "spouse", "female", (1976, 3, 3)),
            ("نازنین زهرا", "child", "female", (2005, 6, 6)),
        ],
    },
];

fn date(ymd: (i32, u32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2)
}

/// Seeds the demo into an empty database; returns the logins to print.
pub async fn seed(app: &Hamyar) -> Result<&'static [DemoLogin], AppError> {
    let hq = app.bootstrap_headquarters("tehran", "ستاد همیاری خانوادهٔ استان تهران", HqLevel::Province).await?;
    let golestan = app.bootstrap_center(&hq, "golestan", "مرکز همیاری خانوادهٔ مسجد جامع گلستان").await?;
    let nur = app.bootstrap_center(&hq, "nur", "مرکز همیاری خانوادهٔ کانون فرهنگی نور").await?;

    let mut ids = std::collections::HashMap::new();
    ids.insert("golestan", golestan.id);
    ids.insert("nur", nur.id);
    for login in LOGINS {
        // Helpers get their accounts when accepted, after their training.
        if login.role == Role::Helper {
            continue;
        }
        let center_id = login.center.and_then(|c| ids.get(c).copied());
        app.bootstrap_user(NewUserInput {
            id: None,
            username: login.username.to_owned(),
            display_name: login.display_name.to_owned(),
            role: login.role,
            password: DEMO_PASSWORD.to_owned(),
            center_id,
            hq_id: if center_id.is_none() { Some(hq.id) } else { None },
        })
        .await?;
    }

    // Fill in the centers as their managers would.
    let details = [
        ("manager.golestan", golestan.id, "mosque", "گلستان", "خیابان گلستان، جنب مسجد جامع", "2024-04-20"),
        ("manager.nur", nur.id, "cultural_center", "نارمک", "نارمک، میدان هفت حوض، کانون فرهنگی نور", "2024-09-22"),
    ];
    for (username, id, host_body, neighborhood, address, opened_on) in details {
        let actor = actor_by_name(app, username).await?;
        let patch = CenterPatch {
            version: 1,
            name: None,
            host_body: Some(host_body.to_owned()),
            neighborhood: Some(neighborhood.to_owned()),
            address: Some(address.to_owned()),
            opened_on: Some(Some(opened_on.to_owned())),
        };
        app.update_center(&actor, id, patch).await?;
    }

    for (n, f) in FAMILIES.iter().enumerate() {
        let center_id = ids.get(f.center).copied().ok_or(AppError::NotFound)?;
        let member = |(first, relation, sex, born): &DemoMember| MemberInput {
            first_name: Some((*first).to_owned()),
            last_name: Some(f.last_name.to_owned()),
            relation: Some((*relation).to_owned()),
            sex: Some((*sex).to_owned()),
            birth_date: date(*born).map(|d| d.to_string()),
            marital_status: Some(if *relation == "child" { "single" } else { "married" }.to_owned()),
            ..MemberInput::default()
        };
        let (head, others) = f.members.split_first().ok_or(AppError::NotFound)?;
        let input = NewFamilyInput {
            neighborhood: Some(f.neighborhood.to_owned()),
            address: Some(f.address.to_owned()),
            phones: vec![format!("0912{:07}", 1_234_500 + n)],
            housing: Some(if n % 2 == 0 { "rented" } else { "owned" }.to_owned()),
            sources: vec![FamilySource {
                organization: "بهزیستی".to_owned(), reference: format!("BH-{}", 1400 + n)
            }],
            head: member(head),
            ..NewFamilyInput::default()
        };
        app.bootstrap_family(center_id, input, others.iter().map(member).collect()).await?;
    }
    seed_helpers(app, &ids).await?;
    seed_assessed_families(app, &ids).await?;
    seed_assignments(app).await?;
    seed_offline_work(app).await?;
    seed_focused_assistance(app).await?;
    seed_programs(app).await?;
    Ok(LOGINS)
}

/// Golestan's group programs: a workshop for at-risk families' teenagers
/// (a session today, one next week; its invitees registered), a
/// marriage-enrichment course for couples under way (attendance taken),
/// and a media campaign.
async fn seed_programs(app: &Hamyar) -> Result<(), AppError> {
    use hamyar_application::programs::{ProgramInput, ProgramSessionInput, RegisterInput, TargetInput};
    let manager = actor_by_name(app, "manager.golestan").await?;
    let today = (chrono::Utc::now() + chrono::Duration::minutes(210)).date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    let program = |kind: &str, domain: &str, topic: &str, target: TargetInput| ProgramInput {
        kind: kind.to_owned(),
        domain: domain.to_owned(),
        topic: topic.to_owned(),
        target,
        place: "سالن مسجد جامع گلستان".to_owned(),
        facilitator: "سارا یزدانی".to_owned(),
        capacity: Some(30),
        ..ProgramInput::default()
    };
    let session = |on: i64, from: &str, to: &str| ProgramSessionInput {
        held_on: day(on),
        starts_at: Some(from.to_owned()),
        ends_at: Some(to.to_owned()),
        ..ProgramSessionInput::default()
    };

    let teens = app
        .create_program(
            &manager,
            program(
                "workshop",
                "cultural",
                "مهارت‌های زندگی برای نوجوانان",
                TargetInput {
                    tiers: vec!["at_risk".to_owned()],
                    age_min: Some(12),
                    age_max: Some(18),
                    relations: vec!["child".to_owned()],
                    ..TargetInput::default()
                },
            ),
        )
        .await?
        .program;
    app.add_program_session(&manager, teens.id, session(0, "16:30", "18:00")).await?;
    app.add_program_session(&manager, teens.id, session(7, "16:30", "18:00")).await?;
    let invited = app.program_targeting(&manager, teens.id).await?.invitees;
    let first: Vec<Uuid> = invited.iter().take(4).map(|i| i.member.id).collect();
    if !first.is_empty() {
        app.register_participants(&manager, teens.id, RegisterInput { member_ids: first, ..RegisterInput::default() })
            .await?;
    }

    let couples = app
        .create_program(
            &manager,
            program(
                "marriage_enrichment",
                "social",
                "غنی‌سازی زندگی زناشویی",
                TargetInput {
                    tiers: vec!["stable".to_owned(), "at_risk".to_owned()],
                    audience: Some("couples".to_owned()),
                    ..TargetInput::default()
                },
            ),
        )
        .await?
        .program;
    for (on, from, to) in [(-14, "17:00", "19:00"), (-7, "17:00", "19:00"), (7, "17:00", "19:00")] {
        app.add_program_session(&manager, couples.id, session(on, from, to)).await?;
    }
    let pairs = app.program_targeting(&manager, couples.id).await?.invitees;
    let mut registered = Vec::new();
    for pair in pairs.chunks(2).take(2) {
        let ids: Vec<Uuid> = pair.iter().map(|i| i.member.id).collect();
        if ids.len() == 2 {
            let input = RegisterInput { member_ids: ids, couple: true, ..RegisterInput::default() };
            registered.extend(app.register_participants(&manager, couples.id, input).await?);
        }
    }
    let held = app.program_detail(&manager, couples.id).await?.sessions;
    for (n, s) in held.iter().filter(|s| s.held_on < today).enumerate() {
        // One participant missed the second session.
        let lines: Vec<(Uuid, bool)> =
            registered.iter().enumerate().map(|(i, r)| (r.id, !(n == 1 && i == 1))).collect();
        app.save_program_attendance(&manager, s.id, &lines).await?;
    }

    app.create_program(
        &manager,
        ProgramInput {
            channel: "کانال محله در پیام‌رسان و تابلوی اعلانات مسجد".to_owned(),
            starts_on: Some(day(-30)),
            ends_on: Some(day(-2)),
            reported_reach: Some(1850),
            capacity: None,
            place: String::new(),
            ..program("media_campaign", "social", "خانوادهٔ آرام: گفت‌وگو به‌جای دعوا", TargetInput::default())
        },
    )
    .await?;
    Ok(())
}

/// The directory, a commission, and one of Zahra's harmed families in the
/// middle of its plan: services logged, a calendar with an overdue, a
/// today's and a coming activity, a case with the counselor (waiting for
/// his answer) and one with the social commission, which met today,
/// decided and divided tasks. (Referrals are dated the day they are made,
/// so nothing of the commission can be overdue yet.)
async fn seed_focused_assistance(app: &Hamyar) -> Result<(), AppError> {
    use hamyar_application::{
        assistance::{ActivityInput, GoalInput, ServiceInput},
        commissions::{CommissionInput, DecisionInput, MeetingInput, SeatInput, TaskInput},
        model::Attendee,
        referrals::ReferralInput,
        resources::ResourceInput,
    };
    let admin = actor_by_name(app, "admin.tehran").await?;
    let manager = actor_by_name(app, "manager.golestan").await?;
    let mut zahra = actor_by_name(app, "helper.zahra").await?;
    let today = (chrono::Utc::now() + chrono::Duration::minutes(210)).date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    zahra.assigned_families = app.store().assigned_families(zahra.user_id, today).await?;
    let reza = actor_by_name(app, "counselor.reza").await?;
    let hosseini = actor_by_name(app, "commission.hosseini").await?;

    let resource = |kind: &str, level: &str, name: &str, domains: &[&str], offers: &str, phone: &str| ResourceInput {
        kind: kind.to_owned(),
        level: level.to_owned(),
        name: name.to_owned(),
        domains: domains.iter().map(|d| (*d).to_owned()).collect(),
        offers: offers.to_owned(),
        phone: phone.to_owned(),
        area: "تهران".to_owned(),
        ..ResourceInput::default()
    };
    let counselor = app
        .create_resource(
            &admin,
            ResourceInput {
                user_id: Some(reza.user_id),
                capacity: Some(12),
                ..resource(
                    "counselor",
                    "provincial",
                    "دکتر رضا فرهمند",
                    &["social", "cultural"],
                    "مشاورهٔ خانواده و زوج",
                    "02166001122",
                )
            },
        )
        .await?
        .resource;
    app.create_resource(
        &admin,
        resource(
            "organization",
            "national",
            "کمیتهٔ امداد امام خمینی",
            &["economic"],
            "مستمری، وام اشتغال، سبد غذایی",
            "1579",
        ),
    )
    .await?;
    let workshop = app
        .create_resource(
            &manager,
            resource("employer", "local", "کارگاه خیاطی نور", &["economic"], "کار پاره‌وقت برای بانوان", "09121234567"),
        )
        .await?
        .resource;
    app.create_resource(
        &manager,
        resource(
            "middle_circle",
            "local",
            "هیئت جوانان محلهٔ گلستان",
            &["cultural", "social"],
            "حلقهٔ نوجوانان، اردو",
            "",
        ),
    )
    .await?;
    app.create_resource(
        &manager,
        resource("benefactor", "local", "حاج محمود کریمی", &["economic"], "جهیزیه و اجارهٔ خانه", ""),
    )
    .await?;

    let commission = app
        .create_commission(
            &manager,
            CommissionInput {
                domain: "social".to_owned(),
                name: "کمیسیون اجتماعی مرکز گلستان".to_owned(),
                notes: "هر دو هفته یک‌بار، سه‌شنبه‌ها".to_owned(),
                ..CommissionInput::default()
            },
        )
        .await?
        .summary
        .commission;
    let seat = |user: Option<Uuid>, name: &str, capacity: &str, organization: &str| SeatInput {
        user_id: user,
        name: name.to_owned(),
        capacity: capacity.to_owned(),
        organization: organization.to_owned(),
        ..SeatInput::default()
    };
    let official =
        app.add_seat(&manager, commission.id, seat(Some(hosseini.user_id), "", "official", "بهزیستی منطقه")).await?;
    app.add_seat(&manager, commission.id, seat(Some(reza.user_id), "", "specialist", "")).await?;
    app.add_seat(&manager, commission.id, seat(None, "خانم اکرم صادقی", "activist", "شورای محله")).await?;

    // The family: Zahra's first harmed family besides the one her phone touched.
    let Some(&family_id) = zahra.assigned_families.get(1) else { return Ok(()) };
    let members = app.store().family_members(family_id).await?;
    let head = members.first().map(|m| m.id);
    let service = |kind: &str, domain: &str, on: i64, minutes: i64, notes: &str, outcome: &str| ServiceInput {
        kind: kind.to_owned(),
        domain: domain.to_owned(),
        served_on: day(on),
        minutes,
        member_ids: head.into_iter().collect(),
        notes: notes.to_owned(),
        outcome: outcome.to_owned(),
        ..ServiceInput::default()
    };
    app.log_service(
        &zahra,
        family_id,
        service("face_to_face", "social", -12, 60, "دیدار نخست در خانه", "خانواده پذیرای همراهی است"),
    )
    .await?;
    app.log_service(
        &zahra,
        family_id,
        ServiceInput {
            resource_id: Some(workshop.id),
            ..service("connection", "economic", -6, 45, "گفت‌وگو با کارگاه خیاطی", "مصاحبهٔ کاری برای مادر")
        },
    )
    .await?;
    let harms = app.family_assistance(&zahra, family_id).await?.harms;
    let goal = |domain: &str, title: &str, harm: Option<&hamyar_application::model::HarmRef>| GoalInput {
        domain: Some(domain.to_owned()),
        title: Some(title.to_owned()),
        harm_indicator: harm.map(|h| Some(h.indicator.clone())),
        harm_member_id: harm.map(|h| h.member_id),
        ..GoalInput::default()
    };
    let income =
        app.create_goal(&zahra, family_id, goal("economic", "درآمد پایدار برای خانواده", harms.first())).await?;
    let calm = app.create_goal(&zahra, family_id, goal("social", "آرامش در روابط خانواده", harms.get(1))).await?;
    let activity = |goal: Uuid, kind: &str, domain: &str, title: &str, on: i64| ActivityInput {
        goal_id: Some(Some(goal)),
        kind: Some(kind.to_owned()),
        domain: Some(domain.to_owned()),
        title: Some(title.to_owned()),
        due_on: Some(day(on)),
        ..ActivityInput::default()
    };
    app.create_activity(&zahra, family_id, activity(income.id, "connection", "economic", "پیگیری مصاحبهٔ کارگاه", -2))
        .await?;
    app.create_activity(&zahra, family_id, activity(calm.id, "face_to_face", "social", "دیدار با پدر و مادر", 0))
        .await?;
    app.create_activity(
        &zahra,
        family_id,
        activity(calm.id, "qa_session", "cultural", "جلسهٔ پرسش و پاسخ با نوجوان", 5),
    )
    .await?;
    let first = app
        .create_activity(&zahra, family_id, activity(income.id, "counseling", "economic", "مشاورهٔ بودجهٔ خانه", -4))
        .await?;
    app.complete_activity(
        &zahra,
        first.id,
        first.meta.version,
        Some("انجام شد".to_owned()),
        Some(service("counseling", "economic", -4, 40, "برنامهٔ خرج ماهانه نوشته شد", "مادر دفتر خرج را نگه می‌دارد")),
    )
    .await?;

    let reason = |r: &str| r.to_owned();
    app.create_referral(
        &zahra,
        family_id,
        ReferralInput {
            member_id: head,
            resource_id: Some(counselor.id),
            reason: reason("تنش شدید زوجین؛ نیاز به مشاورهٔ تخصصی"),
            urgency: Some("soon".to_owned()),
            ..ReferralInput::default()
        },
    )
    .await?;
    let case = app
        .create_referral(
            &zahra,
            family_id,
            ReferralInput {
                commission_id: Some(commission.id),
                reason: reason("بیکاری پدر، بدهی اجاره و ترک تحصیل نوجوان: پرونده چندبعدی است"),
                urgency: Some("urgent".to_owned()),
                ..ReferralInput::default()
            },
        )
        .await?;
    let meeting = app
        .create_meeting(
            &manager,
            commission.id,
            MeetingInput {
                held_on: day(0),
                place: "دفتر مرکز".to_owned(),
                attendees: vec![
                    Attendee { member_id: Some(official.id), user_id: None, name: String::new() },
                    Attendee {
                        member_id: None,
                        user_id: Some(zahra.user_id),
                        name: "زهرا موسوی (همیار خانواده)".to_owned(),
                    },
                ],
                agenda: vec![case.id],
                notes: String::new(),
                ..MeetingInput::default()
            },
        )
        .await?;
    let task = |title: &str, kind: &str, id: Option<Uuid>, on: i64| TaskInput {
        id: None,
        title: title.to_owned(),
        assignee_kind: kind.to_owned(),
        assignee_id: id,
        due_on: day(on),
    };
    app.record_decision(
        &manager,
        meeting.id,
        DecisionInput {
            referral_id: case.id,
            text: "پدر به کارگاه معرفی شود، بهزیستی برای اجاره هماهنگ کند و همیار بازگشت نوجوان به مدرسه را پیگیری کند"
                .to_owned(),
            tasks: vec![
                task("هماهنگی کمک اجاره با بهزیستی", "member", Some(official.id), 3),
                task("معرفی پدر به کارگاه خیاطی نور", "resource", Some(workshop.id), 7),
                task("پیگیری ثبت‌نام نوجوان در مدرسه", "helper", None, 10),
            ],
            ..DecisionInput::default()
        },
    )
    .await?;
    Ok(())
}

/// Zahra's phone, synced once: while it was offline she corrected a
/// mother's job and a head's mobile, which the manager had also changed at
/// the desk meanwhile (an open conflict on that family's page), and tried
/// to rename a file, which only the manager may (a refusal the manager
/// sees). All through the sync protocol's own use cases.
async fn seed_offline_work(app: &Hamyar) -> Result<(), AppError> {
    use hamyar_application::{sync::DeviceInput, sync_push::MutationInput};
    let manager = actor_by_name(app, "manager.golestan").await?;
    let mut zahra = actor_by_name(app, "helper.zahra").await?;
    let today = (chrono::Utc::now() + chrono::Duration::minutes(210)).date_naive();
    zahra.assigned_families = app.store().assigned_families(zahra.user_id, today).await?;
    let phone = Uuid::now_v7();
    let input =
        DeviceInput { id: phone, name: "گوشی زهرا".to_owned(), app_version: "demo".to_owned(), protocol: 1 };
    app.register_device(&zahra, input).await?;
    let page = app.pull(&zahra, phone, 1, None, None).await?;
    let Some(family) = page.families.first() else { return Ok(()) };
    let family_id = family.family.id;
    let Some(head) = family.members.iter().find(|m| Some(m.id) == family.family.head_member_id).cloned() else {
        return Ok(());
    };
    let at_desk = MemberInput { mobile: Some("09121110000".to_owned()), ..MemberInput::default() };
    app.update_member(&manager, family_id, head.id, head.meta.version, at_desk).await?;
    let offline = chrono::Utc::now() - chrono::Duration::hours(3);
    let mutation = |seq: i64, entity: &str, entity_id: Uuid, base: i64, fields: serde_json::Value| MutationInput {
        id: Uuid::now_v7(),
        device_seq: seq,
        entity: entity.to_owned(),
        entity_id,
        family_id,
        op: "update".to_owned(),
        base_version: Some(base),
        fields: fields.as_object().cloned().unwrap_or_default(),
        device_time: Some(offline),
    };
    let mut batch =
        vec![mutation(1, "family_member", head.id, head.meta.version, serde_json::json!({ "mobile": "09123330000" }))];
    if let Some(other) = family.members.iter().find(|m| m.id != head.id) {
        batch.push(mutation(
            2,
            "family_member",
            other.id,
            other.meta.version,
            serde_json::json!({ "occupation": "خیاط" }),
        ));
    }
    batch.push(mutation(
        3,
        "family",
        family_id,
        family.family.meta.version,
        serde_json::json!({ "family_name": "خانوادهٔ تازه" }),
    ));
    app.push(&zahra, phone, 1, batch).await?;
    Ok(())
}

struct DemoHelper {
    /// Accepted helpers' logins; None for those still on the way.
    username: Option<&'static str>,
    first_name: &'static str,
    last_name: &'static str,
    center: &'static str,
    background: &'static str,
    field_of_study: &'static str,
    skills: &'static [&'static str],
    neighborhood: &'static str,
    in_training: bool,
}

const HELPERS: &[DemoHelper] = &[
    DemoHelper {
        username: Some("helper.zahra"),
        first_name: "زهرا",
        last_name: "موسوی",
        center: "golestan",
        background: "university_graduate",
        field_of_study: "روان‌شناسی",
        skills: &["counseling", "education"],
        neighborhood: "گلستان",
        in_training: true,
    },
    DemoHelper {
        username: Some("helper.ali"),
        first_name: "علی",
        last_name: "نجفی",
        center: "golestan",
        background: "seminary_graduate",
        field_of_study: "علوم حوزوی",
        skills: &["religious_guidance", "counseling"],
        neighborhood: "باغ فیض",
        in_training: true,
    },
    DemoHelper {
        username: Some("helper.maryam"),
        first_name: "مریم",
        last_name: "عباسی",
        center: "nur",
        background: "local_activist",
        field_of_study: "",
        skills: &["job_finding", "financial_literacy"],
        neighborhood: "نارمک",
        in_training: true,
    },
    DemoHelper {
        username: None,
        first_name: "نرگس",
        last_name: "شاکری",
        center: "golestan",
        background: "university_graduate",
        field_of_study: "حقوق",
        skills: &["legal_aid", "counseling"],
        neighborhood: "گلستان",
        in_training: true,
    },
    DemoHelper {
        username: None,
        first_name: "محمد",
        last_name: "کیانی",
        center: "golestan",
        background: "local_activist",
        field_of_study: "",
        skills: &["job_finding", "health"],
        neighborhood: "باغ فیض",
        in_training: false,
    },
];

/// Adds a course with `sessions` sessions of four hours, a week apart from
/// `first`, and the trainees' attendance (the first `attended` sessions).
async fn seed_course(
    app: &Hamyar,
    trainer: &Actor,
    (curriculum, title): (&str, &str),
    first: NaiveDate,
    sessions: u32,
    trainees: &[(Uuid, u32)],
) -> Result<(), AppError> {
    let topics = [
        "آشنایی با طرح همیاری خانواده",
        "مهارت‌های ارتباط و گفت‌وگو با خانواده",
        "شناخت آسیب‌های اجتماعی",
        "سطح‌بندی خانواده‌ها",
        "تقویم همیاری و برنامه‌ریزی",
        "ارجاع به متخصص و کمیسیون",
        "حفظ حریم خانواده‌ها",
        "منابع حمایتی محله",
        "خانواده و تربیت فرزند",
        "کار گروهی و خودمراقبتی همیار",
    ];
    let course = app
        .create_course(
            trainer,
            hamyar_application::training::CourseInput {
                id: None,
                curriculum: curriculum.to_owned(),
                title: title.to_owned(),
                description: String::new(),
                center_id: None,
                trainer_id: Some(trainer.user_id),
            },
        )
        .await?;
    let course_id = course.summary.course.id;
    for helper_id in trainees.iter().map(|t| t.0) {
        app.enroll_helper(trainer, course_id, helper_id).await?;
    }
    for n in 0..sessions {
        let detail = app
            .add_course_session(
                trainer,
                course_id,
                hamyar_application::training::SessionInput {
                    id: None,
                    held_on: (first + chrono::Days::new(u64::from(n) * 7)).to_string(),
                    hours: 4.0,
                    mode: if n % 3 == 2 { "online" } else { "in_person" }.to_owned(),
                    trainer_id: Some(trainer.user_id),
                    topic: topics[n as usize % topics.len()].to_owned(),
                },
            )
            .await?;
        let session_id = detail.sessions.last().map(|s| s.id).ok_or(AppError::NotFound)?;
        let entries = trainees
            .iter()
            .map(|(helper_id, attended)| hamyar_application::training::AttendanceEntry {
                helper_id: *helper_id,
                hours: if n < *attended { 4.0 } else { 0.0 },
            })
            .collect();
        app.save_attendance(trainer, session_id, entries).await?;
    }
    Ok(())
}

/// Helpers as the plan finds them: three trained a year ago, accepted and
/// half-way through their in-service hours; one applicant in training this
/// season (24 of 40 hours), one who has just applied.
async fn seed_helpers(app: &Hamyar, centers: &std::collections::HashMap<&str, Uuid>) -> Result<(), AppError> {
    let today = chrono::Utc::now().date_naive();
    let trainer = actor_by_name(app, "trainer.sara").await?;
    let mut ids = Vec::new();
    for h in HELPERS {
        let manager = actor_by_name(app, &format!("manager.{}", h.center)).await?;
        let detail = app
            .create_helper(
                &manager,
                hamyar_application::helpers::HelperInput {
                    center_id: centers.get(h.center).copied(),
                    first_name: h.first_name.to_owned(),
                    last_name: h.last_name.to_owned(),
                    mobile: format!("0915{:07}", 3_100_000 + ids.len() * 11),
                    background: h.background.to_owned(),
                    field_of_study: h.field_of_study.to_owned(),
                    skills: h.skills.iter().map(|s| (*s).to_owned()).collect(),
                    neighborhood: h.neighborhood.to_owned(),
                    availability: "عصرهای شنبه تا چهارشنبه".to_owned(),
                    ..Default::default()
                },
            )
            .await?;
        let mut version = detail.summary.helper.meta.version;
        if h.in_training {
            let moved =
                app.change_helper_status(&manager, detail.summary.helper.id, version, "in_training", "").await?;
            version = moved.summary.helper.meta.version;
        }
        ids.push((detail.summary.helper.id, version, manager));
    }
    let veterans: Vec<(Uuid, u32)> = ids.iter().take(3).map(|(id, _, _)| (*id, 10)).collect();
    let first = today - chrono::Days::new(460);
    seed_course(app, &trainer, ("pre_service", "دورهٔ پیش از خدمت همیاران — ۱۴۰۳"), first, 10, &veterans).await?;
    for ((helper_id, version, manager), h) in ids.iter().zip(HELPERS) {
        let Some(username) = h.username else { continue };
        let input = hamyar_application::helpers::AcceptInput {
            version: *version,
            username: Some(username.to_owned()),
            password: Some(DEMO_PASSWORD.to_owned()),
            reason: "گذراندن ۴۰ ساعت آموزش پیش از خدمت".to_owned(),
        };
        app.accept_helper(manager, *helper_id, input).await?;
    }
    let in_service: Vec<(Uuid, u32)> = ids.iter().take(3).zip([5, 4, 3]).map(|((id, _, _), n)| (*id, n)).collect();
    let first = today - chrono::Days::new(300);
    seed_course(app, &trainer, ("in_service", "دورهٔ ضمن خدمت — نیمهٔ نخست"), first, 5, &in_service).await?;
    let season: Vec<(Uuid, u32)> = ids.get(3).map(|(id, _, _)| (*id, 6)).into_iter().collect();
    let first = today - chrono::Days::new(45);
    seed_course(app, &trainer, ("pre_service", "دورهٔ پیش از خدمت همیاران — ۱۴۰۵"), first, 6, &season).await?;
    Ok(())
}

/// Families given to the accepted helpers: Zahra's caseload within the
/// limits (three harmed families and two at risk, with the reason), Ali's
/// below the minimum (the helpers page warns), and one harmed family at
/// Golestan still waiting for a helper.
async fn seed_assignments(app: &Hamyar) -> Result<(), AppError> {
    // (center, tier, [(helper, how many)])
    type Plan<'a> = (&'a str, &'a str, &'a [(&'a str, usize)]);
    let plan: [Plan; 3] = [
        ("golestan", "harmed", &[("helper.zahra", 3), ("helper.ali", 1)]),
        ("golestan", "at_risk", &[("helper.zahra", 2)]),
        ("nur", "harmed", &[("helper.maryam", 6)]),
    ];
    for (center, tier, helpers) in plan {
        let manager = actor_by_name(app, &format!("manager.{center}")).await?;
        let search = hamyar_application::families::FamilySearch {
            tier: Some(tier.to_owned()),
            helper: Some("unassigned".to_owned()),
            page_size: Some(100),
            ..Default::default()
        };
        let mut families = app.search_families(&manager, search).await?.items.into_iter();
        for (username, count) in helpers {
            let user = actor_by_name(app, username).await?;
            let helper = app.store().helper_of_user(user.user_id).await?.ok_or(AppError::NotFound)?;
            for family in families.by_ref().take(*count) {
                let reason = if tier == "harmed" {
                    String::new()
                } else {
                    "بیکاری تازهٔ سرپرست؛ خانواده پیش از آسیب همراهی می‌خواهد".to_owned()
                };
                let input = hamyar_application::caseloads::AssignInput {
                    helper_id: helper.id,
                    starts_on: Some((chrono::Utc::now().date_naive() - chrono::Days::new(20)).to_string()),
                    ends_on: None,
                    reason,
                };
                app.assign_family(&manager, family.family.id, input).await?;
            }
        }
    }
    Ok(())
}

// Names of the generated families (none contains «علی», which the browser
// tests search for).
const SURNAMES: &[&str] = &[
    "اکبری",
    "باقری",
    "تقوی",
    "ثابتی",
    "جلالی",
    "حیدری",
    "خسروی",
    "دهقان",
    "رحیمی",
    "زارعی",
    "سلطانی",
    "شریفی",
    "صفری",
    "طالبی",
    "غفاری",
    "فتحی",
    "قربانی",
    "گودرزی",
    "لطفی",
    "مرادی",
    "نصیری",
    "وکیلی",
    "هاشمی",
    "یوسفی",
];
const MEN: &[&str] = &["حسین", "مجید", "سعید", "احمد", "کاظم", "مصطفی", "جواد", "حامد", "یوسف", "امید"];
const WOMEN: &[&str] = &["مریم", "نرگس", "سمانه", "زهره", "شیما", "مهناز", "رقیه", "طاهره", "پروین", "نسرین"];
const CHILDREN: &[(&str, &str)] = &[
    ("آرش", "male"),
    ("محیا", "female"),
    ("سینا", "male"),
    ("ستایش", "female"),
    ("امیر", "male"),
    ("ملیکا", "female"),
    ("پارسا", "male"),
    ("هستی", "female"),
];

/// A small deterministic generator: the demo is the same every time.
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Families assessed a year ago (baseline) and, most of them, again at the
/// end of the plan, so that the transition matrix has something to show.
/// The handwritten families above stay unassessed.
async fn seed_assessed_families(app: &Hamyar, centers: &std::collections::HashMap<&str, Uuid>) -> Result<(), AppError> {
    let today = chrono::Utc::now().date_naive();
    let mut dice = Dice(1404);
    for (code, helpers, neighborhoods) in [
        ("golestan", ["helper.zahra", "helper.ali"], ["گلستان", "باغ فیض"]),
        ("nur", ["helper.maryam", "helper.maryam"], ["نارمک", "تهرانپارس"]),
    ] {
        let center_id = centers.get(code).copied().ok_or(AppError::NotFound)?;
        let manager = actor_by_name(app, &format!("manager.{code}")).await?;
        let helper_ids = [actor_by_name(app, helpers[0]).await?.user_id, actor_by_name(app, helpers[1]).await?.user_id];
        for (n, surname) in SURNAMES.iter().enumerate() {
            let born = |age: u64, dice: &mut Dice| today - chrono::Days::new(age * 365 + dice.next(300));
            let head_age = 30 + dice.next(30);
            let member = |first: &str, relation: &str, sex: &str, birth: NaiveDate| MemberInput {
                first_name: Some(first.to_owned()),
                last_name: Some((*surname).to_owned()),
                relation: Some(relation.to_owned()),
                sex: Some(sex.to_owned()),
                birth_date: Some(birth.to_string()),
                marital_status: Some(if relation == "child" { "single" } else { "married" }.to_owned()),
                ..MemberInput::default()
            };
            let woman_heads = n % 5 == 0;
            let head = if woman_heads {
                member(WOMEN[n % WOMEN.len()], "head", "female", born(head_age, &mut dice))
            } else {
                member(MEN[n % MEN.len()], "head", "male", born(head_age, &mut dice))
            };
            let mut others = Vec::new();
            if !woman_heads {
                others.push(member(WOMEN[(n + 3) % WOMEN.len()], "spouse", "female", born(head_age - 3, &mut dice)));
            }
            for _ in 0..dice.next(4) {
                let (name, sex) = CHILDREN[dice.next(CHILDREN.len() as u64) as usize];
                others.push(member(name, "child", sex, born(3 + dice.next(15), &mut dice)));
            }
            let input = NewFamilyInput {
                neighborhood: Some(neighborhoods[n % 2].to_owned()),
                address: Some(format!("کوچهٔ {}، پلاک {}", n + 1, 10 + n)),
                phones: vec![format!("0935{:07}", 2_000_000 + n * 17 + if code == "nur" { 500 } else { 0 })],
                housing: Some(["rented", "owned", "with_relatives"][n % 3].to_owned()),
                head,
                ..NewFamilyInput::default()
            };
            let family = app.bootstrap_family(center_id, input, others).await?.family;
            // A third start harmed, a third at risk, a third stable; most
            // are reassessed at the end of the plan, usually better off.
            let start = [22.0, 55.0, 85.0][n % 3];
            let baseline_on = today - chrono::Days::new(400 + dice.next(30));
            assess(app, &manager, family.id, AssessmentKind::Baseline, baseline_on, manager.user_id, start, &mut dice)
                .await?;
            if n % 6 == 5 {
                continue;
            }
            let change = [30.0, 30.0, 0.0, 15.0, -20.0][dice.next(5) as usize];
            let end_on = today - chrono::Days::new(20 + dice.next(40));
            let helper = helper_ids[n % 2];
            assess(app, &manager, family.id, AssessmentKind::EndOfPlan, end_on, helper, start + change, &mut dice)
                .await?;
        }
    }
    Ok(())
}

async fn actor_by_name(app: &Hamyar, username: &str) -> Result<Actor, AppError> {
    let (user, _) = app.store().find_credentials(username).await?.ok_or(AppError::NotFound)?;
    Ok(hamyar_application::auth::actor_of(&user))
}

/// Records a final assessment whose answers sit around `level` (0–100) in
/// every domain, as the manager enters what the assessor found.
#[allow(clippy::too_many_arguments)]
async fn assess(
    app: &Hamyar,
    manager: &Actor,
    family_id: Uuid,
    kind: AssessmentKind,
    on: NaiveDate,
    assessor: Uuid,
    level: f64,
    dice: &mut Dice,
) -> Result<(), AppError> {
    let draft = app
        .start_assessment(
            manager,
            family_id,
            NewAssessment {
                kind: Some(kind.code().to_owned()),
                assessed_on: Some(on.to_string()),
                assessor_id: Some(assessor),
                ..NewAssessment::default()
            },
        )
        .await?;
    let (_, instrument) = app.instrument(manager, draft.instrument.id).await?;
    let mut answers = AnswerInput::default();
    for missing in &draft.missing {
        let Some(indicator) = instrument.indicator(&missing.indicator) else { continue };
        // Families differ by domain and question: ±20 around the level.
        let offset = match indicator.domain {
            AssessmentDomain::Social => 5.0,
            AssessmentDomain::Economic => -5.0,
            AssessmentDomain::Cultural => 0.0,
        };
        let target = level + offset + dice.next(41) as f64 - 20.0;
        let Some(option) =
            indicator.options.iter().min_by(|a, b| (a.score - target).abs().total_cmp(&(b.score - target).abs()))
        else {
            continue;
        };
        let value = match &option.value {
            OptionValue::Value { value } => value.clone(),
            OptionValue::Range { min, .. } => min.to_string(),
        };
        match missing.member.as_deref().and_then(|m| m.parse::<Uuid>().ok()) {
            None => answers.family.insert(indicator.id.clone(), value),
            Some(member) => answers.members.entry(member).or_default().insert(indicator.id.clone(), value),
        };
    }
    let patch = AssessmentPatch {
        version: draft.assessment.meta.version,
        answers: Some(answers),
        ..AssessmentPatch::default()
    };
    let saved = app.update_assessment(manager, draft.assessment.id, patch).await?;
    app.finalize_assessment(manager, saved.assessment.id, saved.assessment.meta.version).await?;
    Ok(())
}
