//! The demo: one provincial headquarters, two centers in real kinds of
//! host bodies, their managers, helpers and other staff, and families with
//! Persian names. Every login shares one password, printed at start.

use chrono::NaiveDate;
use hamyar_application::{
    AppError, Hamyar,
    families::{MemberInput, NewFamilyInput},
    model::FamilySource,
    orgs::CenterPatch,
    users::NewUserInput,
};
use hamyar_domain::{organization::HqLevel, role::Role};

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
    let manager = |username: &str| {
        let username = username.to_owned();
        async move {
            let (user, _) = app.store().find_credentials(&username).await?.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>(hamyar_application::auth::actor_of(&user))
        }
    };
    let details = [
        ("manager.golestan", golestan.id, "mosque", "گلستان", "خیابان گلستان، جنب مسجد جامع", "2024-04-20"),
        ("manager.nur", nur.id, "cultural_center", "نارمک", "نارمک، میدان هفت حوض، کانون فرهنگی نور", "2024-09-22"),
    ];
    for (username, id, host_body, neighborhood, address, opened_on) in details {
        let actor = manager(username).await?;
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
    Ok(LOGINS)
}
