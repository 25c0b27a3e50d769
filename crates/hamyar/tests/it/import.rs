//! Importing family lists: a messy real-world file, dry runs, re-imports,
//! XLSX, and the upload endpoint.

use crate::{
    on_both_backends,
    support::{Backend, Env},
};
use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use hamyar_application::{
    families::FamilySearch,
    import::{ImportSummary, read_table},
    ports::ChangeLogStore,
};

on_both_backends!(
    a_messy_list_gives_exactly_the_right_families_and_a_complete_report,
    xlsx_lists_import_like_csv,
    the_upload_endpoint_imports_into_the_managers_center,
    an_export_is_a_list_the_import_reads_back,
    a_long_list_is_written_in_several_chunks,
);

/// A valid national ID from a 9-digit prefix (the check digit computed).
fn nid(prefix: &str) -> String {
    let sum: u32 = prefix.chars().enumerate().map(|(i, c)| c.to_digit(10).unwrap() * (10 - i as u32)).sum();
    let r = sum % 11;
    format!("{prefix}{}", if r < 2 { r } else { 11 - r })
}

fn to_persian_digits(s: &str) -> String {
    s.chars().map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0x06F0 + d).unwrap())).collect()
}

/// Mixed Persian and Arabic letters, Persian digits, Solar Hijri dates with
/// a leap day, invalid national IDs, the same person twice, no father's-name
/// column, an empty line, an unknown column.
fn messy_rows() -> Vec<Vec<String>> {
    let ali = nid("049937089");
    let sara = nid("001234567");
    let ali_fa = to_persian_digits(&ali);
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "شناسه خانوار",
            "نام",
            "نام خانوادگي",
            "كد ملي",
            "تاریخ تولد",
            "جنسیت",
            "نسبت",
            "تلفن همراه",
            "محله",
            "نشانی",
            "توضیحات",
        ],
        // H1: a whole family; Arabic letters, Persian digits, a leap day.
        vec![
            "H1",
            "علي",
            "رضايي",
            &ali_fa,
            "۱۳۶۵/۰۴/۱۲",
            "مرد",
            "سرپرست",
            "۰۹۱۲ ۱۱۱ ۲۲۳۳",
            "گلستان",
            "كوچه ياس، پلاك ۳",
            "کارگر",
        ],
        vec!["H1", "زهرا", "احمدي", "", "1403/12/30", "زن", "همسر", "", "", "", ""],
        vec!["H1", "محمد", "رضایی", "", "1390-1-1", "male", "فرزند", "", "", "", "دانش‌آموز"],
        vec!["", "", "", "", "", "", "", "", "", "", ""],
        // H2: an invalid national ID rejects the whole household.
        vec!["H2", "حسن", "کریمی", "1234567890", "1360/01/01", "مرد", "سرپرست", "", "باغ فیض", "", ""],
        vec!["H2", "مریم", "کریمی", "", "1362/05/05", "زن", "همسر", "", "", "", ""],
        // H3: the same person as H1's head.
        vec!["H3", "علی", "رضایی", &ali, "1365/04/12", "مرد", "سرپرست", "", "", "", ""],
        // H4: 1404 is not a leap year.
        vec!["H4", "نرگس", "نوری", "", "1404/12/30", "زن", "سرپرست", "", "", "", ""],
        // H5: no head.
        vec!["H5", "رضا", "قاسمی", "", "", "مرد", "فرزند", "", "", "", ""],
        // H6: a national ID that lost its leading zeros in a spreadsheet.
        vec!["H6", "سارا", "یزدانی", sara.trim_start_matches('0'), "1370/07/07", "خانم", "سرپرست", "", "نارمک", "", ""],
    ];
    rows.into_iter().map(|r| r.into_iter().map(str::to_owned).collect()).collect()
}

fn csv_of(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn xlsx_of(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            // Spreadsheets store digit-only cells as numbers.
            match value.parse::<f64>() {
                Ok(n) if !value.starts_with('0') && !value.contains('-') => sheet.write_number(r as u32, c as u16, n),
                _ => sheet.write_string(r as u32, c as u16, value),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn check_messy_summary(s: &ImportSummary) {
    assert_eq!(s.families_created, 2, "H1 and H6: {s:#?}");
    assert_eq!(s.members_created, 4);
    assert_eq!(s.families_rejected, 4, "H2, H3, H4, H5");
    assert_eq!(s.rows_rejected, 5);
    let at = |row: usize, column: &str| s.errors.iter().any(|e| e.row == row && e.column == column);
    assert!(at(6, "national_id"), "H2's invalid ID");
    assert!(at(7, "household_ref"), "H2's other row is reported as part of the rejected household");
    assert!(at(8, "national_id"), "H3 repeats H1's head");
    assert!(at(9, "birth_date"), "1404/12/30");
    assert!(at(10, "relation"), "H5 has no head");
    assert_eq!(s.errors.len(), 5, "one line per rejected row: {:#?}", s.errors);
    for e in &s.errors {
        assert!(!e.reason_fa.is_empty() && !e.reason_en.is_empty() && e.reason_fa != e.reason_en, "{e:?}");
    }
}

async fn a_messy_list_gives_exactly_the_right_families_and_a_complete_report(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let bytes = csv_of(&messy_rows());
    let manager = hamyar_application::auth::actor_of(&w.manager_a);
    let import = |dry_run| {
        let table = read_table(&bytes).unwrap();
        let app = env.app.clone();
        let center = w.center_a.id;
        async move { app.import_families(None, center, "بهزیستی", table, dry_run, |_, _| {}).await.unwrap() }
    };
    let count = || async { env.app.search_families(&manager, FamilySearch::default()).await.unwrap().total };
    let before = count().await;

    let dry = import(true).await;
    check_messy_summary(&dry);
    assert_eq!(count().await, before, "a dry run writes nothing");

    let real = import(false).await;
    assert_eq!(ImportSummary { dry_run: true, ..real.clone() }, dry, "the dry run said exactly what happened");
    assert_eq!(count().await, before + 2);

    let page = env
        .app
        .search_families(&manager, FamilySearch { q: Some("رضائي".into()), ..FamilySearch::default() })
        .await
        .unwrap();
    let h1 = env.app.family_detail(&manager, page.items[0].family.id).await.unwrap();
    assert_eq!(h1.family.family_name, "خانوادهٔ رضایی");
    assert_eq!(h1.family.address, "کوچه یاس، پلاک 3");
    assert_eq!(h1.family.sources[0].reference, "H1");
    assert_eq!(h1.members.len(), 3);
    let head = &h1.members[0];
    assert_eq!((head.first_name.as_str(), head.mobile.as_str()), ("علی", "09121112233"));
    assert_eq!(head.birth_date.unwrap().to_string(), "1986-07-03");
    assert_eq!(head.extra.get("توضیحات").map(String::as_str), Some("کارگر"), "unknown columns kept");
    let spouse = h1.members.iter().find(|m| m.first_name == "زهرا").unwrap();
    assert_eq!(spouse.birth_date.unwrap().to_string(), "2025-03-20", "1403/12/30, a leap day");

    // «۰۰۱۲۳» finds the ID that had lost its leading zeros.
    let found = env
        .app
        .search_families(&manager, FamilySearch { q: Some("۰۰۱۲۳".into()), ..FamilySearch::default() })
        .await
        .unwrap();
    assert_eq!(found.items.iter().map(|f| f.family.family_name.as_str()).collect::<Vec<_>>(), vec!["خانوادهٔ یزدانی"]);

    // Re-importing the same list changes nothing at all.
    let log_before = env.db.changes_after(0, 100_000).await.unwrap().len();
    let again = import(false).await;
    assert_eq!((again.families_created, again.families_updated, again.families_unchanged), (0, 0, 2), "{again:#?}");
    assert_eq!((again.members_created, again.members_updated), (0, 0));
    assert_eq!(env.db.changes_after(0, 100_000).await.unwrap().len(), log_before, "no write at all");

    // A corrected list updates just what changed.
    let mut rows = messy_rows();
    rows[1][7] = "09350000000".into();
    rows[5][3] = nid("123456789");
    let fixed = csv_of(&rows);
    let table = read_table(&fixed).unwrap();
    let s = env.app.import_families(None, w.center_a.id, "بهزیستی", table, false, |_, _| {}).await.unwrap();
    assert_eq!((s.families_created, s.families_updated, s.families_unchanged), (1, 1, 1), "{s:#?}");
    assert_eq!(s.members_updated, 1);
    env.finish().await;
}

async fn xlsx_lists_import_like_csv(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let table = read_table(&xlsx_of(&messy_rows())).unwrap();
    let s = env.app.import_families(None, w.center_b.id, "کمیته امداد", table, false, |_, _| {}).await.unwrap();
    check_messy_summary(&s);
    env.finish().await;
}

async fn the_upload_endpoint_imports_into_the_managers_center(backend: Backend) {
    let env = Env::new(backend).await;
    env.world().await;
    let upload = |cookie: &str, body: Vec<u8>, query: &str| {
        Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1/families/import?{query}"))
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "text/csv")
            .body(Body::from(body))
            .unwrap()
    };
    let m = env.login("manager.a").await;
    let r = env
        .raw(
            upload(&m, csv_of(&messy_rows()), "source=%D8%A8%D9%87%D8%B2%DB%8C%D8%B3%D8%AA%DB%8C&dry_run=true"),
            "10.0.0.5",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["families_created"], 2);
    assert_eq!(r.body["dry_run"], true);
    assert_eq!(r.body["errors"].as_array().unwrap().len(), 5);
    assert_eq!(env.get("/api/v1/families?q=H1", &m).await.body["total"], 0, "dry run");

    let missing = csv_of(&[vec!["نام".into(), "نام خانوادگی".into()], vec!["علی".into(), "رضایی".into()]]);
    let r = env.raw(upload(&m, missing, "source=x"), "10.0.0.5").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["error"]["field"], "file");
    assert!(r.body["error"]["message"].as_str().unwrap().contains("شناسه خانوار"));

    let r = env.raw(upload(&m, b"\x00\xff\xfe garbage".to_vec(), "source=x"), "10.0.0.5").await;
    assert_eq!(r.body["error"]["field"], "file");
    let r = env.raw(upload(&m, vec![b'a'; 33 * 1024 * 1024], "source=x"), "10.0.0.5").await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.code(), "payload_too_large");

    let helper = env.login("helper.a").await;
    let r = env.raw(upload(&helper, csv_of(&messy_rows()), "source=x"), "10.0.0.5").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    env.finish().await;
}

async fn an_export_is_a_list_the_import_reads_back(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let table = read_table(&csv_of(&messy_rows())).unwrap();
    env.app.import_families(None, w.center_a.id, "بهزیستی", table, false, |_, _| {}).await.unwrap();
    let m = env.login("manager.a").await;

    let csv = env.send(Method::GET, "/api/v1/families/export?format=csv", Some(&m), None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("families-center-a-"));
    // `send` parses JSON; fetch the raw bytes again for the file itself.
    let request = |format: &str| {
        Request::builder()
            .uri(format!("/api/v1/families/export?format={format}"))
            .header(header::COOKIE, &m)
            .body(Body::empty())
            .unwrap()
    };
    let bytes = |format: &'static str| {
        let router = env.router.clone();
        let req = request(format);
        async move {
            use http_body_util::BodyExt;
            use tower::ServiceExt;
            router.oneshot(req).await.unwrap().into_body().collect().await.unwrap().to_bytes().to_vec()
        }
    };
    let csv_bytes = bytes("csv").await;
    assert!(csv_bytes.starts_with("\u{feff}".as_bytes()), "BOM for spreadsheet programs");
    let exported = read_table(&csv_bytes).unwrap();
    assert_eq!(&exported.headers[..4], ["شناسه خانوار", "نام خانواده", "نام", "نام خانوادگی"]);
    assert_eq!(exported.rows.len(), 5, "the world's one head and the four imported members");
    let zahra = exported.rows.iter().find(|(_, r)| r[2] == "زهرا").unwrap();
    let col = |name: &str| exported.headers.iter().position(|h| h == name).unwrap();
    assert_eq!(zahra.1[col("تاریخ تولد")], "1403/12/30", "Solar Hijri dates");
    assert_eq!(zahra.1[col("نسبت")], "همسر");
    let ali = exported.rows.iter().find(|(_, r)| r[2] == "علی" && r[3] == "رضایی").unwrap();
    assert_eq!(ali.1[col("توضیحات")], "کارگر", "extra attributes exported");
    let xlsx = read_table(&bytes("xlsx").await).unwrap();
    assert_eq!(
        xlsx.rows.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>(),
        exported.rows.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>()
    );

    // Every exported family records the export in its access log.
    let family_id = &ali.1[0];
    let log = env.get(&format!("/api/v1/families/{family_id}/access-log"), &m).await;
    assert!(!log.body["items"].as_array().unwrap().is_empty());

    // The export imports back (into another headquarters: national IDs are unique per headquarters).
    let table = read_table(&csv_bytes).unwrap();
    let s = env.app.import_families(None, w.other_center.id, "export", table, false, |_, _| {}).await.unwrap();
    assert_eq!((s.families_created, s.members_created, s.rows_rejected), (3, 5, 0), "{s:#?}");

    let helper = env.login("helper.a").await;
    assert_eq!(
        env.send(Method::GET, "/api/v1/families/export", Some(&helper), None).await.status,
        StatusCode::FORBIDDEN
    );
    let bad = env.send(Method::GET, "/api/v1/families/export?format=pdf", Some(&m), None).await;
    assert_eq!(bad.body["error"]["field"], "format");
    env.finish().await;
}

/// More households than one chunk holds (500): chunks are written while the
/// next is checked, and a national ID repeated across chunks is still caught.
async fn a_long_list_is_written_in_several_chunks(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let mut rows = vec![
        vec!["شناسه خانوار", "نام", "نام خانوادگی", "کد ملی", "جنسیت", "نسبت"]
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>(),
    ];
    for i in 0..1_200 {
        let id = nid(&format!("{:09}", 200_000_000 + i));
        rows.push(vec![format!("L{i}"), "رضا".into(), format!("احمدی{i}"), id, "مرد".into(), "سرپرست".into()]);
    }
    // Household L1199 repeats the national ID of L3, two chunks earlier.
    rows[1200][3] = rows[4][3].clone();
    let bytes = csv_of(&rows);
    let import = || async {
        let table = read_table(&bytes).unwrap();
        env.app.import_families(None, w.center_a.id, "بهزیستی", table, false, |_, _| {}).await.unwrap()
    };
    let manager = hamyar_application::auth::actor_of(&w.manager_a);
    let count = || async { env.app.search_families(&manager, FamilySearch::default()).await.unwrap().total };
    let before = count().await;
    let first = import().await;
    assert_eq!((first.families_created, first.families_rejected), (1_199, 1), "{:?}", first.errors);
    assert_eq!(first.errors.len(), 1);
    assert_eq!((first.errors[0].row, first.errors[0].column.as_str()), (1201, "national_id"));
    assert_eq!(count().await, before + 1_199);
    let again = import().await;
    assert_eq!((again.families_created, again.families_unchanged, again.families_rejected), (0, 1_199, 1));
    env.finish().await;
}
