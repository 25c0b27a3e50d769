//! Importing family lists (CSV or XLSX): one row per person, grouped into
//! households by a household reference. Each household is imported whole
//! or not at all; re-importing the same source updates what changed and
//! nothing else.

use crate::{
    Actor, AppError, Hamyar,
    families::{MemberInput, NewFamilyInput, derive, member_from},
    model::{FamilyChange, FamilySource, FamilyWrite, Member, MemberOp},
    policy::{self, Action},
};
use hamyar_domain::{
    FieldError,
    family::{Phone, Relation},
    jalali::JalaliDate,
    national_id::NationalId,
    persian::{normalize_digits, normalize_input, normalize_text, search_key},
};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// The columns Hamyar knows, with their English and Persian headers.
const COLUMNS: &[(&str, &str)] = &[
    ("household_ref", "شناسه خانوار"),
    ("first_name", "نام"),
    ("last_name", "نام خانوادگی"),
    ("father_name", "نام پدر"),
    ("national_id", "کد ملی"),
    ("birth_date", "تاریخ تولد"),
    ("sex", "جنسیت"),
    ("relation", "نسبت"),
    ("mobile", "تلفن همراه"),
    ("neighborhood", "محله"),
    ("address", "نشانی"),
    // Beyond the usual lists: what Hamyar's own export writes, so an
    // export imports back whole.
    ("family_name", "نام خانواده"),
    ("marital_status", "وضعیت تأهل"),
    ("education", "تحصیلات"),
    ("occupation", "شغل"),
    ("health", "سلامت"),
    ("disability", "معلولیت"),
    ("insurance", "بیمه"),
    // Read and ignored: a family's status is decided in the app.
    ("family_status", "وضعیت خانواده"),
];

/// Optional text cells: an empty cell keeps what the registry has, so a
/// list that lacks a detail never erases it.
const OPTIONAL_TEXT: &[&str] = &["father_name", "education", "occupation", "health", "disability", "insurance"];

const REQUIRED: &[&str] = &["household_ref", "first_name", "last_name", "sex", "relation"];

/// A list as rows of text cells, whatever file it came from.
pub struct Table {
    pub headers: Vec<String>,
    /// (row number as the user sees it — the header is row 1 — , cells)
    pub rows: Vec<(usize, Vec<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason_fa: String,
    pub reason_en: String,
}

impl RowError {
    fn new(row: usize, column: &str, value: &str, message: &str) -> Self {
        let (fa, en) = message.split_once(" / ").unwrap_or((message, message));
        Self {
            row,
            column: column.to_owned(),
            value: value.to_owned(),
            reason_fa: fa.trim().to_owned(),
            reason_en: en.trim().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub dry_run: bool,
    pub rows: usize,
    pub families_created: usize,
    pub families_updated: usize,
    pub families_unchanged: usize,
    pub families_rejected: usize,
    pub members_created: usize,
    pub members_updated: usize,
    pub rows_rejected: usize,
    pub errors: Vec<RowError>,
}

impl ImportSummary {
    /// One line for the command line.
    pub fn line(&self) -> String {
        format!(
            "{}families created {}, updated {}, unchanged {}; members created {}, updated {}; rejected rows {} (families {})",
            if self.dry_run { "dry run: " } else { "" },
            self.families_created,
            self.families_updated,
            self.families_unchanged,
            self.members_created,
            self.members_updated,
            self.rows_rejected,
            self.families_rejected
        )
    }

    /// The error report as CSV (UTF-8 with BOM, so spreadsheet programs
    /// show the Persian correctly).
    pub fn errors_csv(&self) -> Result<Vec<u8>, AppError> {
        let mut out = "\u{feff}".as_bytes().to_vec();
        {
            let mut w = csv::Writer::from_writer(&mut out);
            let internal = |e: csv::Error| AppError::Internal(format!("error report: {e}"));
            w.write_record(["row", "column", "value", "reason_fa", "reason_en"]).map_err(internal)?;
            for e in &self.errors {
                w.write_record([e.row.to_string().as_str(), &e.column, &e.value, &e.reason_fa, &e.reason_en])
                    .map_err(internal)?;
            }
            w.flush().map_err(|e| AppError::Internal(e.to_string()))?;
        }
        Ok(out)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// XLSX files are ZIP archives; anything else is read as CSV.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") { Format::Xlsx } else { Format::Csv }
    }
}

fn file_error(message: impl Into<String>) -> AppError {
    AppError::Validation(FieldError::new("file", "format", message))
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Reads a CSV (`,` `;` or tab separated, UTF-8, with or without BOM) or
/// the first sheet of an XLSX file.
pub fn read_table(bytes: &[u8]) -> Result<Table, AppError> {
    let mut rows = match Format::sniff(bytes) {
        Format::Xlsx => read_xlsx(bytes)?,
        Format::Csv => read_csv(bytes)?,
    };
    if rows.is_empty() {
        return Err(file_error("فایل خالی است / The file is empty"));
    }
    let (_, headers) = rows.remove(0);
    rows.retain(|(_, cells)| !blank(cells));
    Ok(Table { headers, rows })
}

fn read_csv(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, AppError> {
    let text = std::str::from_utf8(bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes))
        .map_err(|_| file_error("فایل باید CSV با رمزگذاری UTF-8 یا XLSX باشد / The file must be UTF-8 CSV or XLSX"))?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter =
        [b'\t', b';', b','].into_iter().max_by_key(|d| first_line.matches(*d as char).count()).unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| file_error(format!("CSV نامعتبر در ردیف {} / Invalid CSV at row {}: {e}", i + 1, i + 1)))?;
        rows.push((i + 1, record.iter().map(str::to_owned).collect()));
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, AppError> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| file_error(format!("فایل XLSX خوانده نشد / Cannot read the XLSX file: {e}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| file_error("فایل XLSX برگه‌ای ندارد / The XLSX file has no sheet"))?
        .map_err(|e| file_error(format!("برگهٔ XLSX خوانده نشد / Cannot read the sheet: {e}")))?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let cell = |d: &Data| match d {
        // Spreadsheets store IDs and phones as numbers: 9123456789.0 → "9123456789".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    };
    Ok(range.rows().enumerate().map(|(i, r)| (first_row + i + 1, r.iter().map(cell).collect())).collect())
}

/// Which known column each header is (by English or Persian name,
/// forgiving letter variants, spaces and case); unknown headers are extra
/// attributes.
fn map_headers(headers: &[String]) -> (HashMap<&'static str, usize>, Vec<(usize, String)>) {
    let mut known = HashMap::new();
    let mut extra = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let key = search_key(&header.replace('_', " "));
        let found = COLUMNS.iter().find(|(en, fa)| search_key(&en.replace('_', " ")) == key || search_key(fa) == key);
        match found {
            Some((en, _)) if !known.contains_key(en) => {
                known.insert(*en, i);
            }
            _ if !header.trim().is_empty() => extra.push((i, normalize_input(header))),
            _ => {}
        }
    }
    (known, extra)
}

fn sex_code(raw: &str) -> Option<&'static str> {
    match normalize_text(raw).as_str() {
        "female" | "f" | "زن" | "مونث" | "مؤنث" | "خانم" | "دختر" => Some("female"),
        "male" | "m" | "مرد" | "مذکر" | "آقا" | "پسر" => Some("male"),
        _ => None,
    }
}

fn marital_code(raw: &str) -> Option<&'static str> {
    match normalize_text(raw).as_str() {
        "single" | "مجرد" => Some("single"),
        "married" | "متاهل" | "متأهل" => Some("married"),
        "divorced" | "مطلقه" | "طلاق گرفته" => Some("divorced"),
        "widowed" | "همسر فوت شده" | "بیوه" => Some("widowed"),
        "unknown" | "نامعلوم" => Some("unknown"),
        _ => None,
    }
}

fn relation_code(raw: &str) -> Option<&'static str> {
    match normalize_text(raw).as_str() {
        "head" | "سرپرست" | "سرپرست خانوار" => Some("head"),
        "spouse" | "همسر" | "زوجه" | "زوج" => Some("spouse"),
        "child" | "فرزند" | "پسر" | "دختر" => Some("child"),
        "parent" | "والد" | "پدر" | "مادر" => Some("parent"),
        "sibling" | "خواهر" | "برادر" => Some("sibling"),
        "grandchild" | "نوه" => Some("grandchild"),
        "other" | "سایر" | "دیگر" => Some("other"),
        _ => None,
    }
}

/// A birth date as lists write it: Solar Hijri (۱۳۶۵/۰۴/۱۲, 1365-4-12) or
/// ISO Gregorian (1986-07-03); returns ISO Gregorian.
pub fn parse_list_date(raw: &str) -> Result<String, FieldError> {
    let text = normalize_digits(raw.trim());
    let parts: Vec<&str> = text.split(['/', '-']).collect();
    let bad = || FieldError::new("birth_date", "date", "تاریخ نامعتبر است / Invalid date");
    let [y, m, d] = parts.as_slice() else { return Err(bad()) };
    let (y, m, d): (i32, u8, u8) =
        (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    if y >= 1700 {
        let date = chrono::NaiveDate::from_ymd_opt(y, m.into(), d.into()).ok_or_else(bad)?;
        return Ok(date.to_string());
    }
    Ok(JalaliDate::new(y, m, d)?.to_iso())
}

/// One person of the list, parsed.
struct Row {
    row: usize,
    household: String,
    member: MemberInput,
    neighborhood: String,
    address: String,
    family_name: String,
}

struct Household {
    reference: String,
    rows: Vec<Row>,
    errors: Vec<RowError>,
}

impl Hamyar {
    /// Imports a list into a center. `actor` is `None` for the operator at
    /// the command line. With `dry_run` nothing is written; the summary is
    /// what an import would do.
    pub async fn import_families(
        &self,
        actor: Option<&Actor>,
        center_id: Uuid,
        source: &str,
        table: Table,
        dry_run: bool,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<ImportSummary, AppError> {
        if let Some(actor) = actor {
            policy::authorize(actor, Action::CreateFamily { center_id })?;
        }
        let source = normalize_input(source);
        if source.is_empty() {
            return Err(
                FieldError::new("source", "required", "منبع فهرست را نام ببرید / Name the source of the list").into()
            );
        }
        let (columns, extra_columns) = map_headers(&table.headers);
        let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| !columns.contains_key(c)).collect();
        if !missing.is_empty() {
            let names: Vec<String> = missing
                .iter()
                .map(|c| {
                    COLUMNS.iter().find(|(en, _)| en == c).map_or((*c).to_owned(), |(en, fa)| format!("{fa} ({en})"))
                })
                .collect();
            return Err(file_error(format!(
                "ستون‌های لازم در فایل نیست: {} / Required columns are missing: {}",
                names.join("، "),
                names.join(", ")
            )));
        }
        let mut summary = ImportSummary { dry_run, rows: table.rows.len(), ..ImportSummary::default() };
        let mut households = self.parse_households(&table, &columns, &extra_columns);
        let total = households.len();
        let hq_id = self.store.get_center(center_id).await?.ok_or(AppError::NotFound)?.hq_id;
        let mut seen_ids: HashMap<String, usize> = HashMap::new();
        let mut done = 0;
        // Households are checked in chunks of 500: one query finds which are
        // already known, one finds national IDs held elsewhere. New ones are
        // written WRITE_BATCH at a time in one transaction, on a task of its
        // own while the next chunks are checked (they cannot clash: each
        // reference and national ID is in one household of the file only).
        let mut writing: Option<tokio::task::JoinHandle<Result<(), crate::ports::StoreError>>> = None;
        let mut batch = Vec::new();
        while !households.is_empty() {
            let chunk: Vec<Household> = households.drain(..households.len().min(500)).collect();
            let references: Vec<String> = chunk.iter().map(|h| h.reference.clone()).filter(|r| !r.is_empty()).collect();
            let known = self.store.families_by_sources(center_id, &source, &references).await?;
            let ids: Vec<String> =
                chunk.iter().flat_map(|h| h.rows.iter().filter_map(|r| r.member.national_id.clone())).collect();
            let held: HashSet<String> = self
                .store
                .members_by_national_ids(hq_id, &ids)
                .await?
                .into_iter()
                .filter_map(|m| m.national_id.map(|n| n.as_str().to_owned()))
                .collect();
            for mut household in chunk {
                // The same national ID twice in the file.
                for row in &household.rows {
                    let Some(id) = row.member.national_id.as_ref().filter(|n| !n.is_empty()) else { continue };
                    match seen_ids.get(id) {
                        Some(first_row) => household.errors.push(RowError::new(
                            row.row,
                            "national_id",
                            id,
                            &format!("همین کد ملی در ردیف {first_row} هم آمده است / The same national ID is in row {first_row} too"),
                        )),
                        None => {
                            seen_ids.insert(id.clone(), row.row);
                        }
                    }
                }
                if household.errors.is_empty() {
                    let outcome = match known.get(&household.reference) {
                        Some(family_id) => {
                            self.apply_household(actor, center_id, *family_id, &household, dry_run, &mut summary).await
                        }
                        None => {
                            self.new_household(actor, center_id, &source, &household, &held, &mut batch, &mut summary)
                                .await
                        }
                    };
                    match outcome {
                        Ok(()) => {}
                        Err(HouseholdError::Rows(errors)) => household.errors.extend(errors),
                        Err(HouseholdError::App(e)) => return Err(e),
                    }
                }
                if !household.errors.is_empty() {
                    reject(&mut summary, household);
                }
                done += 1;
                if done % 1000 == 0 || done == total {
                    progress(done, total);
                }
            }
            if !dry_run && (batch.len() >= WRITE_BATCH || (households.is_empty() && !batch.is_empty())) {
                finish_writing(writing.take()).await?;
                let (store, ctx) = (self.store.clone(), self.write_ctx(actor));
                let full = std::mem::take(&mut batch);
                writing = Some(tokio::spawn(async move { store.insert_new_families(ctx, full).await }));
            }
        }
        finish_writing(writing).await?;
        summary.errors.sort_by_key(|e| e.row);
        if !dry_run && summary.families_created + summary.families_updated > 0 {
            self.store.refresh_statistics().await?;
        }
        Ok(summary)
    }

    fn parse_households(
        &self,
        table: &Table,
        columns: &HashMap<&'static str, usize>,
        extra_columns: &[(usize, String)],
    ) -> Vec<Household> {
        let mut order: Vec<String> = Vec::new();
        let mut by_ref: HashMap<String, Household> = HashMap::new();
        let mut orphans = Vec::new();
        for (row_no, cells) in &table.rows {
            let get =
                |c: &str| columns.get(c).and_then(|&i| cells.get(i)).map(|v| v.trim().to_owned()).unwrap_or_default();
            let mut errors = Vec::new();
            let household = normalize_input(&get("household_ref"));
            let optional = |c: &str| Some(get(c)).filter(|v| !v.is_empty());
            let mut member = MemberInput {
                first_name: Some(get("first_name")),
                last_name: Some(get("last_name")),
                mobile: optional("mobile"),
                ..MemberInput::default()
            };
            for column in OPTIONAL_TEXT {
                let value = optional(column);
                match *column {
                    "father_name" => member.father_name = value,
                    "education" => member.education = value,
                    "occupation" => member.occupation = value,
                    "health" => member.health = value,
                    "disability" => member.disability = value,
                    _ => member.insurance = value,
                }
            }
            let marital = get("marital_status");
            if !marital.is_empty() {
                match marital_code(&marital) {
                    Some(code) => member.marital_status = Some(code.to_owned()),
                    None => errors.push(RowError::new(
                        *row_no,
                        "marital_status",
                        &marital,
                        "وضعیت تأهل نامعتبر است (مجرد، متأهل، مطلقه، همسر فوت‌شده) / Unknown marital status",
                    )),
                }
            }
            let nid = get("national_id");
            if !nid.is_empty() {
                match NationalId::parse_lenient(&nid) {
                    Ok(id) => member.national_id = Some(id.as_str().to_owned()),
                    Err(e) => errors.push(RowError::new(*row_no, "national_id", &nid, &e.message)),
                }
            }
            let born = get("birth_date");
            if !born.is_empty() {
                match parse_list_date(&born) {
                    Ok(iso) => member.birth_date = Some(iso),
                    Err(e) => errors.push(RowError::new(*row_no, "birth_date", &born, &e.message)),
                }
            }
            let sex = get("sex");
            match sex_code(&sex) {
                Some(code) => member.sex = Some(code.to_owned()),
                None => errors.push(RowError::new(
                    *row_no,
                    "sex",
                    &sex,
                    "جنسیت نامعتبر است (زن / مرد) / Unknown sex (female / male)",
                )),
            }
            let relation = get("relation");
            match relation_code(&relation) {
                Some(code) => member.relation = Some(code.to_owned()),
                None => errors.push(RowError::new(
                    *row_no,
                    "relation",
                    &relation,
                    "نسبت نامعتبر است (سرپرست، همسر، فرزند، سایر) / Unknown relation (head, spouse, child, other)",
                )),
            }
            let mobile = get("mobile");
            if !mobile.is_empty()
                && let Err(e) = Phone::parse("mobile", &mobile)
            {
                errors.push(RowError::new(*row_no, "mobile", &mobile, &e.message));
            }
            let extra: BTreeMap<String, String> = extra_columns
                .iter()
                .filter_map(|(i, name)| cells.get(*i).map(|v| (name.clone(), v.trim().to_owned())))
                .filter(|(_, v)| !v.is_empty())
                .collect();
            member.extra = Some(extra);
            // The rest of the member's rules (names, lengths, dates in range).
            if errors.is_empty()
                && let Err(e) = member_from(&member, None, Uuid::nil(), chrono::Utc::now())
            {
                let value = match e.field {
                    "first_name" => get("first_name"),
                    "last_name" => get("last_name"),
                    "father_name" => get("father_name"),
                    "birth_date" => born.clone(),
                    _ => String::new(),
                };
                errors.push(RowError::new(*row_no, e.field, &value, &e.message));
            }
            let row = Row {
                row: *row_no,
                household: household.clone(),
                member,
                neighborhood: get("neighborhood"),
                address: get("address"),
                family_name: get("family_name"),
            };
            if household.is_empty() {
                errors.push(RowError::new(
                    *row_no,
                    "household_ref",
                    "",
                    "شناسهٔ خانوار خالی است / The household reference is empty",
                ));
                orphans.push(Household { reference: String::new(), rows: vec![row], errors });
                continue;
            }
            let entry = by_ref.entry(household.clone()).or_insert_with(|| {
                order.push(household.clone());
                Household { reference: household.clone(), rows: Vec::new(), errors: Vec::new() }
            });
            entry.rows.push(row);
            entry.errors.extend(errors);
        }
        let mut out: Vec<Household> = order.into_iter().filter_map(|r| by_ref.remove(&r)).collect();
        for h in &mut out {
            let heads: Vec<usize> =
                h.rows.iter().filter(|r| r.member.relation.as_deref() == Some("head")).map(|r| r.row).collect();
            let first = h.rows.first().map_or(0, |r| r.row);
            if heads.is_empty() && h.errors.is_empty() {
                h.errors.push(RowError::new(
                    first,
                    "relation",
                    "",
                    "این خانوار سرپرست ندارد / This household has no head",
                ));
            } else if heads.len() > 1 {
                h.errors.push(RowError::new(
                    heads[1],
                    "relation",
                    "سرپرست",
                    "این خانوار بیش از یک سرپرست دارد / This household has more than one head",
                ));
            }
        }
        out.extend(orphans);
        out
    }

    /// A household not seen before: checked, counted, and added to the
    /// chunk's batch.
    #[allow(clippy::too_many_arguments)]
    async fn new_household(
        &self,
        actor: Option<&Actor>,
        center_id: Uuid,
        source: &str,
        household: &Household,
        held: &HashSet<String>,
        batch: &mut Vec<(crate::model::Family, Vec<Member>, crate::model::FamilyDerived)>,
        summary: &mut ImportSummary,
    ) -> Result<(), HouseholdError> {
        let head_row = household.rows.iter().find(|r| r.member.relation.as_deref() == Some("head"));
        let Some(head_row) = head_row else { return Err(HouseholdError::Rows(Vec::new())) };
        let at = self.clock.now();
        // National IDs already held under the headquarters (found in bulk;
        // the message, which says where, is made only for those).
        let mut errors = Vec::new();
        for row in household.rows.iter().filter(|r| r.member.national_id.as_ref().is_some_and(|n| held.contains(n))) {
            let probe = member_from(&row.member, None, Uuid::nil(), at).map_err(AppError::from)?;
            if let Err(AppError::DuplicateNationalId(message)) = self.check_national_id(actor, center_id, &probe).await
            {
                errors.push(RowError::new(
                    row.row,
                    "national_id",
                    row.member.national_id.as_deref().unwrap_or(""),
                    &message,
                ));
            }
        }
        if !errors.is_empty() {
            return Err(HouseholdError::Rows(errors));
        }
        let first =
            |get: fn(&Row) -> &str| household.rows.iter().map(get).find(|v| !v.is_empty()).unwrap_or("").to_owned();
        let input = NewFamilyInput {
            family_name: Some(head_row.family_name.clone()).filter(|n| !n.is_empty()),
            neighborhood: Some(first(|r| &r.neighborhood)),
            address: Some(first(|r| &r.address)),
            sources: vec![FamilySource { organization: source.to_owned(), reference: household.reference.clone() }],
            head: head_row.member.clone(),
            ..NewFamilyInput::default()
        };
        let others = household.rows.iter().filter(|r| r.row != head_row.row).map(|r| r.member.clone()).collect();
        let (family, members) = match self.build_family(actor, center_id, input, others) {
            Ok(built) => built,
            Err(AppError::Validation(e)) => {
                return Err(HouseholdError::Rows(vec![RowError::new(head_row.row, e.field, "", &e.message)]));
            }
            Err(AppError::DuplicateNationalId(message)) => {
                return Err(HouseholdError::Rows(vec![RowError::new(head_row.row, "national_id", "", &message)]));
            }
            Err(e) => return Err(HouseholdError::App(e)),
        };
        summary.families_created += 1;
        summary.members_created += members.len();
        let derived = derive(&family, &members);
        batch.push((family, members, derived));
        Ok(())
    }

    async fn apply_household(
        &self,
        actor: Option<&Actor>,
        center_id: Uuid,
        family_id: Uuid,
        household: &Household,
        dry_run: bool,
        summary: &mut ImportSummary,
    ) -> Result<(), HouseholdError> {
        let neighborhood = household.rows.iter().map(|r| r.neighborhood.as_str()).find(|v| !v.is_empty()).unwrap_or("");
        let address = household.rows.iter().map(|r| r.address.as_str()).find(|v| !v.is_empty()).unwrap_or("");
        let at = self.clock.now();
        // The family came from this source before: update what changed.
        let family = self.store.get_family(family_id).await?.ok_or(AppError::NotFound)?;
        let current = self.store.family_members(family_id).await?;
        let mut members = current.clone();
        let mut writes: Vec<(Member, MemberOp)> = Vec::new();
        let mut errors = Vec::new();
        for row in &household.rows {
            let matched = current.iter().find(|m| same_person(m, &row.member));
            let next = member_from(&row.member, matched, family.id, at).map_err(AppError::from)?;
            if let Err(AppError::DuplicateNationalId(message)) = self.check_national_id(actor, center_id, &next).await {
                errors.push(RowError::new(
                    row.row,
                    "national_id",
                    row.member.national_id.as_deref().unwrap_or(""),
                    &message,
                ));
                continue;
            }
            match matched {
                Some(old) if same_content(old, &next) => {}
                Some(old) => {
                    if (next.relation == Relation::Head) != (family.head_member_id == Some(old.id)) {
                        errors.push(RowError::new(
                            row.row,
                            "relation",
                            row.member.relation.as_deref().unwrap_or(""),
                            "سرپرست خانوار در فهرست تغییر کرده است؛ آن را در برنامه تغییر دهید / The list changes the head; change it in the app",
                        ));
                        continue;
                    }
                    members.retain(|m| m.id != old.id);
                    members.push(next.clone());
                    writes.push((next, MemberOp::Update));
                }
                None => {
                    if next.relation == Relation::Head {
                        errors.push(RowError::new(
                            row.row,
                            "relation",
                            "سرپرست",
                            "سرپرست خانوار در فهرست تغییر کرده است؛ آن را در برنامه تغییر دهید / The list changes the head; change it in the app",
                        ));
                        continue;
                    }
                    members.push(next.clone());
                    writes.push((next, MemberOp::Create));
                }
            }
        }
        if !errors.is_empty() {
            return Err(HouseholdError::Rows(errors));
        }
        let mut next_family = family.clone();
        next_family.neighborhood = normalize_input(neighborhood);
        next_family.address = normalize_input(address);
        let family_changed = next_family.neighborhood != family.neighborhood || next_family.address != family.address;
        if !family_changed && writes.is_empty() {
            summary.families_unchanged += 1;
            return Ok(());
        }
        summary.families_updated += 1;
        summary.members_created += writes.iter().filter(|(_, op)| *op == MemberOp::Create).count();
        summary.members_updated += writes.iter().filter(|(_, op)| *op == MemberOp::Update).count();
        if !dry_run {
            if family_changed {
                next_family.meta = family.meta.bumped(at);
            }
            let change = FamilyChange {
                families: vec![FamilyWrite {
                    derived: derive(&next_family, &members),
                    family: next_family,
                    changed: family_changed,
                }],
                members: writes,
            };
            self.store.save_family_change(self.write_ctx(actor), &change).await.map_err(AppError::from)?;
        }
        Ok(())
    }
}

/// New families written per transaction: many, because each transaction
/// rewrites every index page it touches.
const WRITE_BATCH: usize = 5_000;

/// Waits for a chunk being written, if any.
async fn finish_writing(
    writing: Option<tokio::task::JoinHandle<Result<(), crate::ports::StoreError>>>,
) -> Result<(), AppError> {
    match writing {
        Some(task) => Ok(task.await.map_err(|e| AppError::Internal(format!("import writer: {e}")))??),
        None => Ok(()),
    }
}

enum HouseholdError {
    Rows(Vec<RowError>),
    App(AppError),
}

impl From<AppError> for HouseholdError {
    fn from(e: AppError) -> Self {
        HouseholdError::App(e)
    }
}

impl From<crate::ports::StoreError> for HouseholdError {
    fn from(e: crate::ports::StoreError) -> Self {
        HouseholdError::App(e.into())
    }
}

/// Counts a rejected household and reports every one of its rows.
fn reject(summary: &mut ImportSummary, household: Household) {
    summary.families_rejected += 1;
    summary.rows_rejected += household.rows.len();
    let bad_rows: Vec<usize> = household.errors.iter().map(|e| e.row).collect();
    let first_bad = bad_rows.iter().min().copied().unwrap_or(0);
    for row in household.rows.iter().filter(|r| !bad_rows.contains(&r.row)) {
        summary.errors.push(RowError::new(
            row.row,
            "household_ref",
            &row.household,
            &format!("خانوار پذیرفته نشد: ردیف {first_bad} خطا دارد / Household rejected: row {first_bad} has errors"),
        ));
    }
    summary.errors.extend(household.errors);
}

/// Is this row the member? By national ID when both have one; otherwise
/// by name and birth date.
fn same_person(m: &Member, row: &MemberInput) -> bool {
    match (&m.national_id, row.national_id.as_deref().filter(|n| !n.is_empty())) {
        (Some(a), Some(b)) => a.as_str() == b,
        _ => {
            let name = |f: &str, l: &str| search_key(&format!("{f} {l}"));
            name(&m.first_name, &m.last_name)
                == name(row.first_name.as_deref().unwrap_or(""), row.last_name.as_deref().unwrap_or(""))
                && m.birth_date.map(|d| d.to_string()) == row.birth_date.clone()
        }
    }
}

/// Equal but for bookkeeping (version and timestamps).
fn same_content(a: &Member, b: &Member) -> bool {
    let mut b = b.clone();
    b.meta = a.meta.clone();
    *a == b
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn list_dates_in_either_calendar_and_any_digits() {
        assert_eq!(parse_list_date("۱۳۶۵/۰۴/۱۲").unwrap(), "1986-07-03");
        assert_eq!(parse_list_date("1365-4-12").unwrap(), "1986-07-03");
        assert_eq!(parse_list_date("1403/12/30").unwrap(), "2025-03-20", "a leap day");
        assert!(parse_list_date("1404/12/30").is_err(), "not a leap year");
        assert_eq!(parse_list_date("1986-07-03").unwrap(), "1986-07-03");
        assert!(parse_list_date("3 تیر").is_err());
    }

    #[test]
    fn headers_in_persian_or_english_with_letter_variants() {
        let headers: Vec<String> = ["شناسه خانوار", "نام", "نام خانوادگي", "Father Name", "كد ملی", "توضیحات"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (known, extra) = map_headers(&headers);
        assert_eq!(known["household_ref"], 0);
        assert_eq!(known["last_name"], 2);
        assert_eq!(known["father_name"], 3);
        assert_eq!(known["national_id"], 4);
        assert_eq!(extra, vec![(5, "توضیحات".to_owned())]);
    }

    #[test]
    fn csv_with_bom_semicolons_and_blank_lines() {
        let table = read_table("\u{feff}a;b\n1;2\n;\n3;4\n".as_bytes()).unwrap();
        assert_eq!(table.headers, vec!["a", "b"]);
        assert_eq!(
            table.rows,
            vec![(2, vec!["1".to_owned(), "2".to_owned()]), (4, vec!["3".to_owned(), "4".to_owned()])]
        );
    }
}
