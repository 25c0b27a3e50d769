//! Registry benchmark: import N person rows into a fresh SQLite database,
//! then time name searches. `cargo run --release -p hamyar-bench -- [ROWS]`.

use hamyar_application::{Hamyar, families::FamilySearch, import::read_table};
use hamyar_domain::organization::HqLevel;
use std::{sync::Arc, time::Instant};

/// The allocator of the `hamyar` binary (ADR 0002), so the numbers are its numbers.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FIRST_MALE: &[&str] =
    &["علی", "محمد", "حسین", "رضا", "مهدی", "حسن", "امیر", "جواد", "مصطفی", "سعید", "حمید", "مجید"];
const FIRST_FEMALE: &[&str] =
    &["فاطمه", "زهرا", "مریم", "زینب", "معصومه", "سمیه", "لیلا", "نرگس", "الهام", "سارا", "مهسا", "کبری"];
const LAST: &[&str] = &[
    "رضایی",
    "محمدی",
    "حسینی",
    "احمدی",
    "کریمی",
    "موسوی",
    "جعفری",
    "صادقی",
    "رحیمی",
    "نوری",
    "قاسمی",
    "هاشمی",
    "کاظمی",
    "طاهری",
    "نجفی",
    "عباسی",
    "یزدانی",
    "فرهمند",
    "صالحی",
    "پارسا",
    "چگینی",
    "ژیان",
    "گودرزی",
    "باقری",
];

/// A small deterministic generator: the same rows on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

fn national_id(serial: u64) -> String {
    let prefix = format!("{:09}", 100_000_000 + serial);
    let sum: u32 = prefix.chars().enumerate().filter_map(|(i, c)| c.to_digit(10).map(|d| d * (10 - i as u32))).sum();
    let r = sum % 11;
    format!("{prefix}{}", if r < 2 { r } else { 11 - r })
}

/// A list of about `rows` people in households of 1–6.
fn generate(rows: usize) -> Vec<u8> {
    let mut rng = Rng(0x2545F4914F6CDD1D);
    let mut out = String::from("شناسه خانوار,نام,نام خانوادگی,نام پدر,کد ملی,تاریخ تولد,جنسیت,نسبت,تلفن همراه,محله\n");
    let (mut written, mut household) = (0usize, 0u64);
    while written < rows {
        household += 1;
        let last = rng.pick(LAST);
        let size = 1 + (rng.next() % 6) as usize;
        for i in 0..size.min(rows - written) {
            let female = i == 1 || rng.next().is_multiple_of(2);
            let first = if female { rng.pick(FIRST_FEMALE) } else { rng.pick(FIRST_MALE) };
            let relation = match i {
                0 => "سرپرست",
                1 => "همسر",
                _ => "فرزند",
            };
            let year = if i < 2 { 1340 + rng.next() % 40 } else { 1380 + rng.next() % 23 };
            let id = national_id(written as u64);
            out.push_str(&format!(
                "H{household},{first},{last},{},{id},{year}/{:02}/{:02},{},{relation},0912{:07},محله {}\n",
                rng.pick(FIRST_MALE),
                1 + rng.next() % 12,
                1 + rng.next() % 29,
                if female { "زن" } else { "مرد" },
                rng.next() % 10_000_000,
                1 + rng.next() % 40,
            ));
            written += 1;
        }
    }
    out.into_bytes()
}

const SEARCHES: &[&str] =
    &["علی رضایی", "زهرا كريمي", "فاطمه چگینی", "۱۰۰۰۰۱", "مهسا گودرزی", "حسین ژیان", "سعید پارسا", "مریم نوری"];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args().nth(1).map(|a| a.parse()).transpose()?.unwrap_or(1_000_000);
    // HAMYAR_BENCH_DIR keeps the database for inspection; by default it is
    // a temporary directory, removed at the end. A directory that already
    // holds a benchmark registry is searched without importing again.
    let temp = tempfile::tempdir()?;
    let dir = std::env::var_os("HAMYAR_BENCH_DIR").map_or_else(|| temp.path().to_owned(), std::path::PathBuf::from);
    let db = hamyar_storage::Db::connect(&hamyar_storage::sqlite_url_for_dir(&dir)).await?;
    let app = Arc::new(Hamyar::new(Arc::new(db.clone())));
    const PASSWORD: &str = "a long bench password";
    let user = match app.find_center_by_code("bench-center").await {
        Ok(_) => {
            println!("searching the registry already in {}", dir.display());
            app.bootstrap_set_password("bench.manager", PASSWORD).await?
        }
        Err(_) => {
            let hq = app.bootstrap_headquarters("bench", "ستاد", HqLevel::Province).await?;
            let center = app.bootstrap_center(&hq, "bench-center", "مرکز").await?;
            import(&app, center.id, rows).await?;
            let input = hamyar_application::users::NewUserInput {
                id: None,
                username: "bench.manager".into(),
                display_name: "مدیر".into(),
                role: hamyar_domain::role::Role::CenterManager,
                password: PASSWORD.into(),
                center_id: Some(center.id),
                hq_id: None,
            };
            app.bootstrap_user(input).await?
        }
    };
    let actor = hamyar_application::auth::actor_of(&user);

    // Searches as a manager types them: names (one with Arabic letters)
    // and part of a national ID. The first pass runs on a cold cache, right
    // after the import; the second is a server that has been running.
    for pass in ["first pass (cold)", "second pass"] {
        let mut times = Vec::new();
        println!("{pass}:");
        for q in SEARCHES {
            let started = Instant::now();
            let search = FamilySearch { q: Some((*q).into()), ..FamilySearch::default() };
            let page = app.search_families(&actor, search).await?;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            println!("  search {q:<14} {:>8} hits  {ms:7.1} ms", page.total);
            times.push(ms);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  search median {:.1} ms, worst {:.1} ms — goal: under 50 ms over 1,000,000 members",
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
    // Broader lists, for the record: one common first name, and the
    // first and a later page of the whole registry.
    for (label, q, page) in
        [("one common name «علی»", Some("علی"), 1), ("all, page 1", None, 1), ("all, page 200", None, 200)]
    {
        let started = Instant::now();
        let search = FamilySearch { q: q.map(str::to_owned), page: Some(page), ..FamilySearch::default() };
        let found = app.search_families(&actor, search).await?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        println!("  {label:<22} {:>8} hits  {ms:7.1} ms", found.total);
    }
    db.close().await?;
    Ok(())
}

async fn import(app: &Hamyar, center_id: uuid::Uuid, rows: usize) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let bytes = generate(rows);
    let table = read_table(&bytes)?;
    println!("generated and parsed {rows} rows in {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let summary = app
        .import_families(None, center_id, "bench", table, false, |done, total| {
            if done % 20_000 == 0 {
                eprintln!("  {done}/{total} households");
            }
        })
        .await?;
    let secs = started.elapsed().as_secs_f64();
    println!("import: {}", summary.line());
    println!("import of {rows} rows: {secs:.1} s ({:.0} rows/s) — goal: 1,000,000 rows under 60 s", rows as f64 / secs);
    Ok(())
}
