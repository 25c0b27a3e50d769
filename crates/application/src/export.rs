//! Exporting a center's registry: one row per person, in the shape the
//! import reads (so an export can be imported elsewhere), with Persian
//! headers and Solar Hijri dates.

use crate::{
    Actor, AppError, Hamyar,
    model::{Family, Member},
    policy::{self, Action},
};
use chrono::Datelike;
use hamyar_domain::{
    family::{FamilyStatus, MaritalStatus, Relation, Sex},
    jalali::JalaliDate,
};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn parse(code: &str) -> Result<Self, AppError> {
        match code.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "xlsx" => Ok(ExportFormat::Xlsx),
            _ => Err(hamyar_domain::FieldError::new(
                "format",
                "unknown",
                "قالب باید csv یا xlsx باشد / Format must be csv or xlsx",
            )
            .into()),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

const HEADERS: &[&str] = &[
    "شناسه خانوار",
    "نام خانواده",
    "نام",
    "نام خانوادگی",
    "نام پدر",
    "کد ملی",
    "تاریخ تولد",
    "جنسیت",
    "نسبت",
    "وضعیت تأهل",
    "تحصیلات",
    "شغل",
    "سلامت",
    "معلولیت",
    "بیمه",
    "تلفن همراه",
    "محله",
    "نشانی",
    "وضعیت خانواده",
];

fn sex_fa(s: Sex) -> &'static str {
    match s {
        Sex::Female => "زن",
        Sex::Male => "مرد",
    }
}

fn relation_fa(r: Relation, sex: Sex) -> &'static str {
    match r {
        Relation::Sibling if sex == Sex::Male => "برادر",
        Relation::Head => "سرپرست",
        Relation::Spouse => "همسر",
        Relation::Child => "فرزند",
        Relation::Parent => "والد",
        Relation::Sibling => "خواهر",
        Relation::Grandchild => "نوه",
        Relation::Other => "سایر",
    }
}

fn marital_fa(m: MaritalStatus) -> &'static str {
    match m {
        MaritalStatus::Single => "مجرد",
        MaritalStatus::Married => "متأهل",
        MaritalStatus::Divorced => "مطلقه",
        MaritalStatus::Widowed => "همسر فوت‌شده",
        MaritalStatus::Unknown => "",
    }
}

fn status_fa(s: FamilyStatus) -> &'static str {
    match s {
        FamilyStatus::Active => "فعال",
        FamilyStatus::MovedAway => "نقل مکان کرده",
        FamilyStatus::Closed => "بسته",
    }
}

fn jalali(date: Option<chrono::NaiveDate>) -> String {
    date.and_then(|d| JalaliDate::from_gregorian(d.year(), d.month() as u8, d.day() as u8).ok())
        .map(|j| j.to_string())
        .unwrap_or_default()
}

/// The rows of the export: headers, then one row per member, head first.
pub fn export_rows(families: &[Family], members: &[Member]) -> Vec<Vec<String>> {
    let extra_keys: BTreeSet<&String> = members.iter().flat_map(|m| m.extra.keys()).collect();
    let mut by_family: HashMap<Uuid, Vec<&Member>> = HashMap::new();
    for m in members {
        by_family.entry(m.family_id).or_default().push(m);
    }
    let mut rows =
        vec![HEADERS.iter().map(|h| (*h).to_owned()).chain(extra_keys.iter().map(|k| (*k).clone())).collect()];
    for f in families {
        let mut people = by_family.remove(&f.id).unwrap_or_default();
        people.sort_by_key(|m| (Some(m.id) != f.head_member_id, m.birth_date));
        for m in people {
            let mut row = vec![
                f.id.to_string(),
                f.family_name.clone(),
                m.first_name.clone(),
                m.last_name.clone(),
                m.father_name.clone(),
                m.national_id.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
                jalali(m.birth_date),
                sex_fa(m.sex).to_owned(),
                relation_fa(m.relation, m.sex).to_owned(),
                marital_fa(m.marital_status).to_owned(),
                m.education.clone(),
                m.occupation.clone(),
                m.health.clone(),
                m.disability.clone(),
                m.insurance.clone(),
                m.mobile.clone(),
                f.neighborhood.clone(),
                f.address.clone(),
                status_fa(f.status).to_owned(),
            ];
            row.extend(extra_keys.iter().map(|k| m.extra.get(*k).cloned().unwrap_or_default()));
            rows.push(row);
        }
    }
    rows
}

pub(crate) fn write_csv(rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    let internal = |e: csv::Error| AppError::Internal(format!("csv export: {e}"));
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        for r in rows {
            w.write_record(r).map_err(internal)?;
        }
        w.flush().map_err(|e| AppError::Internal(e.to_string()))?;
    }
    Ok(out)
}

fn write_xlsx(rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let internal = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx export: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("خانواده‌ها").map_err(internal)?;
    sheet.set_right_to_left(true);
    let bold = Format::new().set_bold();
    // Text cells throughout: national IDs and phones keep their leading zeros.
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r == 0 { sheet.write_string_with_format(r, c, value, &bold) } else { sheet.write_string(r, c, value) }
                .map_err(internal)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(internal)?;
    sheet.autofit();
    book.save_to_buffer().map_err(internal)
}

impl Hamyar {
    /// A center's families and members as a file. `actor` is `None` for the
    /// operator at the command line; an actor's export is recorded in the
    /// access log of every family it contains.
    pub async fn export_families(
        &self,
        actor: Option<&Actor>,
        center_id: Uuid,
        format: ExportFormat,
    ) -> Result<Vec<u8>, AppError> {
        if let Some(actor) = actor {
            policy::authorize(actor, Action::ExportFamilies { center_id })?;
        }
        let (families, members) = self.store.center_registry(center_id).await?;
        if let Some(actor) = actor {
            let ids: Vec<Uuid> = families.iter().map(|f| f.id).collect();
            self.store.record_families_access(&ids, actor.user_id, self.clock.now()).await?;
            tracing::info!(actor = %actor.user_id, center = %center_id, families = ids.len(), "registry exported");
        }
        let rows = export_rows(&families, &members);
        match format {
            ExportFormat::Csv => write_csv(&rows),
            ExportFormat::Xlsx => write_xlsx(&rows),
        }
    }
}
