//! Schema migrations, written once in SeaQuery for both SQLite and
//! PostgreSQL, applied in order at start-up. Never edit a released
//! migration: add a new one.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait,
    sea_query::{
        Alias, ColumnDef, Expr, ExprTrait, ForeignKey, ForeignKeyAction, Index, Order, Query, Table,
        TableCreateStatement,
    },
};

type Migration = (&'static str, fn() -> Vec<Step>);

// Built once, at start-up: size does not matter here.
#[allow(clippy::large_enum_variant)]
enum Step {
    Table(TableCreateStatement),
    Index(sea_orm::sea_query::IndexCreateStatement),
    Alter(sea_orm::sea_query::TableAlterStatement),
    /// SQL both backends read alike (e.g. partial indexes, which SeaQuery
    /// does not build).
    Sql(&'static str),
    /// What only one backend has (full-text indexes): SQLite's statements,
    /// then PostgreSQL's.
    PerBackend(&'static [&'static str], &'static [&'static str]),
}

const MIGRATIONS: &[Migration] = &[
    ("0001_foundation", foundation),
    ("0002_registry", registry),
    ("0003_member_extra", member_extra),
    ("0004_duplicates", duplicates),
    ("0005_search_index", search_index),
    ("0006_sort_keys", sort_keys),
    ("0007_assessments", assessments),
    ("0008_helpers", helpers),
    ("0009_devices", devices),
    ("0010_sync", sync),
    ("0011_assistance", assistance),
    ("0012_programs", programs),
];

fn a(name: &str) -> Alias {
    Alias::new(name)
}

fn id() -> ColumnDef {
    ColumnDef::new(a("id")).uuid().not_null().primary_key().to_owned()
}

fn text(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).string().not_null().to_owned()
}

fn uuid(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).uuid().not_null().to_owned()
}

fn uuid_null(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).uuid().null().to_owned()
}

fn instant(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).timestamp_with_time_zone().not_null().to_owned()
}

/// Every table users edit is sync-ready: version, timestamps, tombstone.
fn sync_ready(table: &mut TableCreateStatement) -> TableCreateStatement {
    table
        .col(ColumnDef::new(a("version")).big_integer().not_null().default(1))
        .col(instant("created_at"))
        .col(instant("updated_at"))
        .col(ColumnDef::new(a("deleted_at")).timestamp_with_time_zone().null())
        .to_owned()
}

fn fk(from_table: &str, column: &str, to_table: &str) -> sea_orm::sea_query::ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from_table}_{column}"))
        .from(a(from_table), a(column))
        .to(a(to_table), a("id"))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn index(name: &str, table: &str, columns: &[&str], unique: bool) -> Step {
    let mut idx = Index::create();
    idx.name(name).table(a(table));
    for c in columns {
        idx.col(a(c));
    }
    if unique {
        idx.unique();
    }
    Step::Index(idx.to_owned())
}

fn foundation() -> Vec<Step> {
    vec![
        Step::Table(sync_ready(
            Table::create().table(a("headquarters")).col(id()).col(text("code")).col(text("name")).col(text("level")),
        )),
        index("ux_headquarters_code", "headquarters", &["code"], true),
        Step::Table(sync_ready(
            Table::create()
                .table(a("centers"))
                .col(id())
                .col(uuid("hq_id"))
                .col(text("code"))
                .col(text("name"))
                .col(text("host_body"))
                .col(text("neighborhood"))
                .col(text("address"))
                .col(ColumnDef::new(a("opened_on")).date().null())
                .foreign_key(&mut fk("centers", "hq_id", "headquarters")),
        )),
        index("ux_centers_code", "centers", &["code"], true),
        index("ix_centers_hq", "centers", &["hq_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("users"))
                .col(id())
                .col(text("username"))
                .col(text("display_name"))
                .col(text("role"))
                .col(uuid_null("hq_id"))
                .col(uuid_null("center_id"))
                .col(text("password_hash"))
                .col(ColumnDef::new(a("disabled")).boolean().not_null().default(false))
                .foreign_key(&mut fk("users", "hq_id", "headquarters"))
                .foreign_key(&mut fk("users", "center_id", "centers")),
        )),
        index("ux_users_username", "users", &["username"], true),
        index("ix_users_hq", "users", &["hq_id"], false),
        index("ix_users_center", "users", &["center_id"], false),
        Step::Table(
            Table::create()
                .table(a("sessions"))
                .col(id())
                .col(uuid("user_id"))
                .col(text("token_hash"))
                .col(instant("created_at"))
                .col(instant("last_seen_at"))
                .col(instant("expires_at"))
                .col(text("client_address"))
                .col(text("user_agent"))
                .foreign_key(
                    &mut ForeignKey::create()
                        .name("fk_sessions_user_id")
                        .from(a("sessions"), a("user_id"))
                        .to(a("users"), a("id"))
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        ),
        index("ux_sessions_token_hash", "sessions", &["token_hash"], true),
        index("ix_sessions_user", "sessions", &["user_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("families"))
                .col(id())
                .col(uuid("center_id"))
                .col(text("family_name"))
                .col(text("head_name"))
                .col(text("neighborhood"))
                .col(text("address"))
                .foreign_key(&mut fk("families", "center_id", "centers")),
        )),
        index("ix_families_center", "families", &["center_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("family_members"))
                .col(id())
                .col(uuid("family_id"))
                .col(text("first_name"))
                .col(text("last_name"))
                .col(text("relation"))
                .col(text("sex"))
                .col(ColumnDef::new(a("birth_date")).date().null())
                .foreign_key(&mut fk("family_members", "family_id", "families")),
        )),
        index("ix_family_members_family", "family_members", &["family_id"], false),
        Step::Table(
            Table::create()
                .table(a("change_log"))
                .col(ColumnDef::new(a("seq")).big_integer().not_null().auto_increment().primary_key())
                .col(text("entity"))
                .col(uuid("entity_id"))
                .col(text("op"))
                .col(ColumnDef::new(a("version")).big_integer().not_null())
                .col(uuid_null("actor_id"))
                .col(uuid_null("hq_id"))
                .col(uuid_null("center_id"))
                .col(instant("at"))
                .col(ColumnDef::new(a("data")).text().not_null())
                .to_owned(),
        ),
        index("ix_change_log_entity", "change_log", &["entity", "entity_id"], false),
    ]
}

/// One column added to an existing table (SQLite takes one per statement).
fn add(table: &str, column: ColumnDef) -> Step {
    Step::Alter(Table::alter().table(a(table)).add_column(column).to_owned())
}

fn text_default(name: &str, default: &str) -> ColumnDef {
    ColumnDef::new(a(name)).string().not_null().default(default).to_owned()
}

fn registry() -> Vec<Step> {
    let mut steps = vec![
        add("families", text_default("phones", "[]")),
        add("families", text_default("housing", "unknown")),
        add("families", text_default("status", "active")),
        add("families", text_default("status_reason", "")),
        add("families", ColumnDef::new(a("consent_on")).date().null().to_owned()),
        add("families", uuid_null("consent_recorded_by")),
        add("families", uuid_null("head_member_id")),
        add("families", ColumnDef::new(a("search_text")).text().not_null().default("").to_owned()),
        index("ix_families_center_status", "families", &["center_id", "status"], false),
    ];
    for column in ["father_name", "education", "occupation", "health", "disability", "insurance", "mobile"] {
        steps.push(add("family_members", text_default(column, "")));
    }
    steps.extend([
        add("family_members", ColumnDef::new(a("national_id")).string().null().to_owned()),
        add("family_members", text_default("marital_status", "unknown")),
        add("family_members", uuid_null("hq_id")),
        // A national ID belongs to one live person under a headquarters.
        Step::Sql(
            "CREATE UNIQUE INDEX ux_family_members_national_id ON family_members (hq_id, national_id) \
             WHERE deleted_at IS NULL AND national_id IS NOT NULL",
        ),
        add("change_log", uuid_null("family_id")),
        add("change_log", uuid_null("prior_family_id")),
        index("ix_change_log_family", "change_log", &["family_id", "seq"], false),
        index("ix_change_log_prior_family", "change_log", &["prior_family_id", "seq"], false),
        // Who reported a family: part of the family record (written with
        // it, logged with it), kept as rows so imports find a family by
        // (center, source, reference).
        Step::Table(
            Table::create()
                .table(a("family_sources"))
                .col(id())
                .col(uuid("family_id"))
                .col(uuid("center_id"))
                .col(text("organization"))
                .col(text("reference"))
                .foreign_key(&mut fk("family_sources", "family_id", "families"))
                .to_owned(),
        ),
        index("ix_family_sources_family", "family_sources", &["family_id"], false),
        index("ix_family_sources_ref", "family_sources", &["center_id", "organization", "reference"], false),
        Step::Table(
            Table::create()
                .table(a("family_access_log"))
                .col(ColumnDef::new(a("seq")).big_integer().not_null().auto_increment().primary_key())
                .col(uuid("family_id"))
                .col(uuid("user_id"))
                .col(instant("at"))
                .to_owned(),
        ),
        index("ix_family_access_log_family", "family_access_log", &["family_id", "seq"], false),
    ]);
    steps
}

/// Columns of imported lists that Hamyar has no field for, kept per member
/// as a JSON object of strings.
fn member_extra() -> Vec<Step> {
    vec![add("family_members", ColumnDef::new(a("extra")).text().not_null().default("{}").to_owned())]
}

/// Merged families point at the family they were merged into; pairs of
/// people a manager said are not the same person are remembered.
fn duplicates() -> Vec<Step> {
    vec![
        add("families", uuid_null("merged_into")),
        Step::Table(
            Table::create()
                .table(a("duplicate_dismissals"))
                .col(id())
                .col(uuid("center_id"))
                .col(uuid("member_a"))
                .col(uuid("member_b"))
                .col(uuid_null("dismissed_by"))
                .col(instant("dismissed_at"))
                .to_owned(),
        ),
        index("ux_duplicate_dismissals_pair", "duplicate_dismissals", &["member_a", "member_b"], true),
        index("ix_duplicate_dismissals_center", "duplicate_dismissals", &["center_id"], false),
    ]
}

/// A trigram index over `families.search_text`, so a substring search
/// does not read every family: an FTS5 trigram table kept in step by
/// triggers on SQLite, `pg_trgm` (which `LIKE '%…%'` uses as it is) on
/// PostgreSQL.
fn search_index() -> Vec<Step> {
    vec![Step::PerBackend(
        &[
            "CREATE VIRTUAL TABLE families_fts USING fts5(search_text, content='families', content_rowid='rowid', tokenize='trigram')",
            "CREATE TRIGGER families_fts_insert AFTER INSERT ON families BEGIN \
             INSERT INTO families_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
            "CREATE TRIGGER families_fts_delete AFTER DELETE ON families BEGIN \
             INSERT INTO families_fts(families_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
            "CREATE TRIGGER families_fts_update AFTER UPDATE OF search_text ON families BEGIN \
             INSERT INTO families_fts(families_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); \
             INSERT INTO families_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
            "INSERT INTO families_fts(families_fts) VALUES ('rebuild')",
        ],
        &[
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "CREATE INDEX ix_families_search_trgm ON families USING gin (search_text gin_trgm_ops)",
        ],
    )]
}

/// Families sort by a stored key (`hamyar_domain::persian::sort_key`), so
/// a long list is ordered by an index instead of by calling the collation
/// for every pair. The keys are made by [`refresh_sort_keys`]; the settings
/// table remembers which ICU data made them.
fn sort_keys() -> Vec<Step> {
    vec![
        add("families", ColumnDef::new(a("sort_key")).binary().null().to_owned()),
        // Also counts a center's live families from the index alone.
        index("ix_families_center_sort", "families", &["center_id", "deleted_at", "sort_key"], false),
        Step::Table(
            Table::create()
                .table(a("store_settings"))
                .col(ColumnDef::new(a("name")).string().not_null().primary_key())
                .col(text("value"))
                .to_owned(),
        ),
    ]
}

fn real_null(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).double().null().to_owned()
}

/// Instruments, assessments, each family's current tier, and
/// reclassification runs with the tier changes they made.
fn assessments() -> Vec<Step> {
    vec![
        // A published version of an instrument: its TOML source as written,
        // kept forever (assessments point at it). `hq_id` is null for the
        // one Hamyar ships with.
        Step::Table(sync_ready(
            Table::create()
                .table(a("instruments"))
                .col(id())
                .col(uuid_null("hq_id"))
                .col(text("code"))
                .col(ColumnDef::new(a("instrument_version")).big_integer().not_null())
                .col(text("title_fa"))
                .col(text("title_en"))
                .col(ColumnDef::new(a("source")).text().not_null())
                .col(uuid_null("published_by"))
                .foreign_key(&mut fk("instruments", "hq_id", "headquarters")),
        )),
        index("ix_instruments_hq", "instruments", &["hq_id", "code", "instrument_version"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("assessments"))
                .col(id())
                .col(uuid("family_id"))
                .col(uuid("center_id"))
                .col(uuid("instrument_id"))
                .col(text("kind"))
                .col(text("status"))
                .col(ColumnDef::new(a("assessed_on")).date().not_null())
                .col(uuid("assessor_id"))
                // JSON: the answers, with each member's age on the day.
                .col(ColumnDef::new(a("answers")).text().not_null())
                .col(real_null("social_score"))
                .col(real_null("economic_score"))
                .col(real_null("cultural_score"))
                .col(ColumnDef::new(a("computed_tier")).string().null())
                .col(ColumnDef::new(a("override_tier")).string().null())
                .col(text_default("override_reason", ""))
                .col(uuid_null("override_by"))
                .col(ColumnDef::new(a("override_at")).timestamp_with_time_zone().null())
                // JSON arrays of findings.
                .col(ColumnDef::new(a("capacities")).text().not_null().default("[]"))
                .col(ColumnDef::new(a("harms")).text().not_null().default("[]"))
                .col(uuid_null("corrects_id"))
                .col(text_default("correction_reason", ""))
                .col(uuid_null("superseded_by"))
                .col(uuid_null("created_by"))
                .col(uuid_null("finalized_by"))
                .col(ColumnDef::new(a("finalized_at")).timestamp_with_time_zone().null())
                .foreign_key(&mut fk("assessments", "family_id", "families"))
                .foreign_key(&mut fk("assessments", "center_id", "centers"))
                .foreign_key(&mut fk("assessments", "instrument_id", "instruments")),
        )),
        index("ix_assessments_family", "assessments", &["family_id", "assessed_on"], false),
        index("ix_assessments_center", "assessments", &["center_id", "status", "kind"], false),
        // Derived, server-computed: the tier a family is in now and the
        // final assessment it comes from (see docs/assessments.md).
        Step::Table(
            Table::create()
                .table(a("family_tiers"))
                .col(ColumnDef::new(a("family_id")).uuid().not_null().primary_key())
                .col(uuid("center_id"))
                .col(text("tier"))
                .col(uuid("assessment_id"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk("family_tiers", "family_id", "families"))
                .to_owned(),
        ),
        index("ix_family_tiers_center", "family_tiers", &["center_id", "tier", "family_id"], false),
        Step::Table(
            Table::create()
                .table(a("reclassifications"))
                .col(id())
                .col(uuid("hq_id"))
                .col(uuid("instrument_id"))
                .col(uuid_null("run_by"))
                .col(instant("run_at"))
                .col(ColumnDef::new(a("families_scored")).big_integer().not_null())
                .col(ColumnDef::new(a("families_changed")).big_integer().not_null())
                // JSON: counts by center and by (from, to).
                .col(ColumnDef::new(a("summary")).text().not_null())
                .foreign_key(&mut fk("reclassifications", "instrument_id", "instruments"))
                .to_owned(),
        ),
        Step::Table(
            Table::create()
                .table(a("tier_changes"))
                .col(ColumnDef::new(a("seq")).big_integer().not_null().auto_increment().primary_key())
                .col(uuid("reclassification_id"))
                .col(uuid("family_id"))
                .col(ColumnDef::new(a("from_tier")).string().null())
                .col(text("to_tier"))
                .col(real_null("social_score"))
                .col(real_null("economic_score"))
                .col(real_null("cultural_score"))
                .to_owned(),
        ),
        index("ix_tier_changes_family", "tier_changes", &["family_id"], false),
        index("ix_tier_changes_run", "tier_changes", &["reclassification_id", "family_id"], false),
    ]
}

fn int(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).big_integer().not_null().to_owned()
}

/// Family helpers, their status history, training (courses, sessions,
/// enrollments, attendance in quarter hours), caseload assignments, and
/// each headquarters' program rules.
fn helpers() -> Vec<Step> {
    vec![
        Step::Table(sync_ready(
            Table::create()
                .table(a("helpers"))
                .col(id())
                .col(uuid("center_id"))
                .col(text("first_name"))
                .col(text("last_name"))
                .col(text_default("mobile", ""))
                .col(text("background"))
                .col(text_default("field_of_study", ""))
                // JSON array of skill codes.
                .col(ColumnDef::new(a("skills")).text().not_null().default("[]"))
                .col(text_default("neighborhood", ""))
                .col(text_default("availability", ""))
                .col(ColumnDef::new(a("notes")).text().not_null().default(""))
                .col(text("status"))
                .col(uuid_null("user_id"))
                .foreign_key(&mut fk("helpers", "center_id", "centers"))
                .foreign_key(&mut fk("helpers", "user_id", "users")),
        )),
        index("ix_helpers_center", "helpers", &["center_id", "status"], false),
        index("ux_helpers_user", "helpers", &["user_id"], true),
        Step::Table(
            Table::create()
                .table(a("helper_status_changes"))
                .col(id())
                .col(uuid("helper_id"))
                .col(ColumnDef::new(a("from_status")).string().null())
                .col(text("to_status"))
                .col(ColumnDef::new(a("reason")).text().not_null().default(""))
                .col(uuid_null("changed_by"))
                .col(instant("changed_at"))
                .foreign_key(&mut fk("helper_status_changes", "helper_id", "helpers"))
                .to_owned(),
        ),
        index("ix_helper_status_changes_helper", "helper_status_changes", &["helper_id", "changed_at"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("program_rules"))
                .col(id())
                .col(uuid("hq_id"))
                .col(int("pre_service_quarters"))
                .col(int("in_service_quarters"))
                .col(int("caseload_max"))
                .col(int("caseload_min"))
                .col(int("assignment_days"))
                .foreign_key(&mut fk("program_rules", "hq_id", "headquarters")),
        )),
        index("ux_program_rules_hq", "program_rules", &["hq_id"], true),
        Step::Table(sync_ready(
            Table::create()
                .table(a("courses"))
                .col(id())
                .col(uuid("hq_id"))
                .col(uuid_null("center_id"))
                .col(text("curriculum"))
                .col(text("title"))
                .col(ColumnDef::new(a("description")).text().not_null().default(""))
                .col(uuid_null("trainer_id"))
                .foreign_key(&mut fk("courses", "hq_id", "headquarters"))
                .foreign_key(&mut fk("courses", "center_id", "centers")),
        )),
        index("ix_courses_hq", "courses", &["hq_id", "created_at"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("course_sessions"))
                .col(id())
                .col(uuid("course_id"))
                .col(ColumnDef::new(a("held_on")).date().not_null())
                .col(int("quarters"))
                .col(text("mode"))
                .col(uuid_null("trainer_id"))
                .col(text_default("topic", ""))
                .foreign_key(&mut fk("course_sessions", "course_id", "courses")),
        )),
        index("ix_course_sessions_course", "course_sessions", &["course_id", "held_on"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("course_enrollments"))
                .col(id())
                .col(uuid("course_id"))
                .col(uuid("helper_id"))
                .foreign_key(&mut fk("course_enrollments", "course_id", "courses"))
                .foreign_key(&mut fk("course_enrollments", "helper_id", "helpers")),
        )),
        index("ix_course_enrollments_helper", "course_enrollments", &["helper_id"], false),
        Step::Sql(
            "CREATE UNIQUE INDEX ux_course_enrollments_live ON course_enrollments (course_id, helper_id) \
             WHERE deleted_at IS NULL",
        ),
        Step::Table(sync_ready(
            Table::create()
                .table(a("attendance"))
                .col(id())
                .col(uuid("session_id"))
                .col(uuid("helper_id"))
                .col(int("quarters"))
                .foreign_key(&mut fk("attendance", "session_id", "course_sessions"))
                .foreign_key(&mut fk("attendance", "helper_id", "helpers")),
        )),
        index("ux_attendance_session_helper", "attendance", &["session_id", "helper_id"], true),
        index("ix_attendance_helper", "attendance", &["helper_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("assignments"))
                .col(id())
                .col(uuid("helper_id"))
                .col(uuid("family_id"))
                .col(uuid("center_id"))
                .col(ColumnDef::new(a("starts_on")).date().not_null())
                .col(ColumnDef::new(a("ends_on")).date().not_null())
                .col(ColumnDef::new(a("reason")).text().not_null().default(""))
                .col(uuid_null("assigned_by"))
                .col(uuid_null("replaces_id"))
                .col(ColumnDef::new(a("ended_at")).timestamp_with_time_zone().null())
                .col(uuid_null("ended_by"))
                .col(ColumnDef::new(a("end_reason")).text().not_null().default(""))
                .foreign_key(&mut fk("assignments", "helper_id", "helpers"))
                .foreign_key(&mut fk("assignments", "family_id", "families"))
                .foreign_key(&mut fk("assignments", "center_id", "centers")),
        )),
        index("ix_assignments_helper", "assignments", &["helper_id", "ends_on"], false),
        index("ix_assignments_family", "assignments", &["family_id"], false),
        // One open assignment per family: a reassignment ends the old one
        // in the same transaction.
        Step::Sql(
            "CREATE UNIQUE INDEX ux_assignments_open_family ON assignments (family_id) \
             WHERE ended_at IS NULL AND deleted_at IS NULL",
        ),
        // A helper's last activity is their latest change-log entry.
        index("ix_change_log_actor", "change_log", &["actor_id", "at"], false),
    ]
}

/// Offline devices (`docs/sync.md`): registered at login, revocable.
fn devices() -> Vec<Step> {
    vec![
        Step::Table(sync_ready(
            Table::create()
                .table(a("devices"))
                .col(id())
                .col(uuid("user_id"))
                .col(text_default("name", ""))
                .col(text_default("app_version", ""))
                .col(int("protocol"))
                .col(instant("last_seen_at"))
                .col(ColumnDef::new(a("revoked_at")).timestamp_with_time_zone().null())
                .col(uuid_null("revoked_by"))
                .foreign_key(&mut fk("devices", "user_id", "users")),
        )),
        index("ix_devices_user", "devices", &["user_id", "created_at"], false),
    ]
}

/// Pushing and pulling (`docs/sync.md`): which mutation wrote each
/// change-log entry, the answer given to every mutation, conflict records,
/// the families each device holds, and the headquarters' offline lock.
fn sync() -> Vec<Step> {
    vec![
        add("change_log", uuid_null("mutation_id")),
        add("change_log", uuid_null("device_id")),
        add("change_log", ColumnDef::new(a("device_seq")).big_integer().null().to_owned()),
        add("change_log", ColumnDef::new(a("device_time")).timestamp_with_time_zone().null().to_owned()),
        index("ix_change_log_mutation", "change_log", &["mutation_id"], false),
        index("ix_change_log_entity_version", "change_log", &["entity_id", "version"], false),
        add("program_rules", ColumnDef::new(a("offline_lock_days")).big_integer().not_null().default(14).to_owned()),
        Step::Table(
            Table::create()
                .table(a("sync_mutations"))
                .col(id())
                .col(uuid("device_id"))
                .col(int("device_seq"))
                .col(uuid("user_id"))
                .col(uuid_null("center_id"))
                .col(text("entity"))
                .col(uuid("entity_id"))
                .col(uuid("family_id"))
                .col(text("op"))
                .col(ColumnDef::new(a("base_version")).big_integer().null())
                .col(text("result"))
                .col(text_default("reason", ""))
                .col(ColumnDef::new(a("message")).text().not_null().default(""))
                .col(ColumnDef::new(a("version")).big_integer().null())
                .col(ColumnDef::new(a("review")).boolean().not_null().default(false))
                .col(ColumnDef::new(a("fields")).text().not_null().default("{}"))
                .col(ColumnDef::new(a("device_time")).timestamp_with_time_zone().null())
                .col(instant("received_at"))
                .foreign_key(&mut fk("sync_mutations", "device_id", "devices"))
                .to_owned(),
        ),
        // Not unique: the mutation's id is the idempotency key. A device
        // whose store was wiped numbers from 1 again, and its new edits must
        // not be refused for it.
        index("ix_sync_mutations_device_seq", "sync_mutations", &["device_id", "device_seq"], false),
        index("ix_sync_mutations_family", "sync_mutations", &["family_id", "received_at"], false),
        index("ix_sync_mutations_center", "sync_mutations", &["center_id", "result"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("sync_conflicts"))
                .col(id())
                .col(text("kind"))
                .col(uuid("mutation_id"))
                .col(uuid_null("center_id"))
                .col(text("entity"))
                .col(uuid("entity_id"))
                .col(uuid("family_id"))
                .col(ColumnDef::new(a("field")).string().null())
                .col(ColumnDef::new(a("winning_value")).text().not_null())
                .col(ColumnDef::new(a("losing_value")).text().not_null())
                .col(uuid_null("winning_author"))
                .col(uuid_null("losing_author"))
                .col(ColumnDef::new(a("losing_version")).big_integer().null())
                .col(ColumnDef::new(a("device_time")).timestamp_with_time_zone().null())
                .col(ColumnDef::new(a("resolved_at")).timestamp_with_time_zone().null())
                .col(uuid_null("resolved_by"))
                .col(ColumnDef::new(a("resolution")).string().null()),
        )),
        index("ix_sync_conflicts_family", "sync_conflicts", &["family_id", "created_at"], false),
        index("ix_sync_conflicts_mutation", "sync_conflicts", &["mutation_id"], false),
        Step::Table(
            Table::create()
                .table(a("device_families"))
                .col(uuid("device_id"))
                .col(uuid("family_id"))
                .col(instant("first_sent_at"))
                .col(instant("last_sent_at"))
                .col(ColumnDef::new(a("removed_at")).timestamp_with_time_zone().null())
                .col(ColumnDef::new(a("sent_seq")).big_integer().not_null().default(0))
                .primary_key(Index::create().col(a("device_id")).col(a("family_id")))
                .foreign_key(&mut fk("device_families", "device_id", "devices"))
                .foreign_key(&mut fk("device_families", "family_id", "families"))
                .to_owned(),
        ),
        index("ix_device_families_family", "device_families", &["family_id"], false),
    ]
}

/// Long free text, empty by default.
fn prose(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).text().not_null().default("").to_owned()
}

fn date(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).date().not_null().to_owned()
}

fn date_null(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).date().null().to_owned()
}

/// Focused assistance: the resource directory, the
/// service log, the assistance calendar (goals and activities), referrals,
/// and commissions with their members, meetings, decisions and tasks.
fn assistance() -> Vec<Step> {
    vec![
        Step::Table(sync_ready(
            Table::create()
                .table(a("resources"))
                .col(id())
                .col(uuid("hq_id"))
                .col(uuid_null("center_id"))
                .col(text("kind"))
                .col(text("level"))
                .col(text("name"))
                // JSON array of domain codes.
                .col(ColumnDef::new(a("domains")).text().not_null().default("[]"))
                .col(prose("offers"))
                .col(ColumnDef::new(a("capacity")).big_integer().null())
                .col(text_default("contact_name", ""))
                .col(text_default("phone", ""))
                .col(text_default("address", ""))
                .col(text_default("area", ""))
                .col(prose("notes"))
                .col(uuid_null("user_id"))
                // `persian::search_key` of the text the directory search looks in.
                .col(text_default("search_key", ""))
                .foreign_key(&mut fk("resources", "hq_id", "headquarters"))
                .foreign_key(&mut fk("resources", "center_id", "centers"))
                .foreign_key(&mut fk("resources", "user_id", "users")),
        )),
        index("ix_resources_hq", "resources", &["hq_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("commissions"))
                .col(id())
                .col(uuid("hq_id"))
                .col(uuid_null("center_id"))
                .col(text("domain"))
                .col(text("name"))
                .col(prose("notes"))
                .foreign_key(&mut fk("commissions", "hq_id", "headquarters"))
                .foreign_key(&mut fk("commissions", "center_id", "centers")),
        )),
        index("ix_commissions_hq", "commissions", &["hq_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("commission_members"))
                .col(id())
                .col(uuid("commission_id"))
                .col(uuid_null("user_id"))
                .col(text("name"))
                .col(text("capacity"))
                .col(text_default("organization", ""))
                .foreign_key(&mut fk("commission_members", "commission_id", "commissions"))
                .foreign_key(&mut fk("commission_members", "user_id", "users")),
        )),
        index("ix_commission_members_commission", "commission_members", &["commission_id"], false),
        index("ix_commission_members_user", "commission_members", &["user_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("commission_meetings"))
                .col(id())
                .col(uuid("commission_id"))
                .col(date("held_on"))
                .col(text_default("place", ""))
                // JSON: the attendees, and the referrals on the agenda.
                .col(ColumnDef::new(a("attendees")).text().not_null().default("[]"))
                .col(ColumnDef::new(a("agenda")).text().not_null().default("[]"))
                .col(prose("notes"))
                .foreign_key(&mut fk("commission_meetings", "commission_id", "commissions")),
        )),
        index("ix_commission_meetings_commission", "commission_meetings", &["commission_id", "held_on"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("referrals"))
                .col(id())
                .col(uuid("family_id"))
                .col(uuid("center_id"))
                .col(uuid_null("member_id"))
                .col(uuid_null("resource_id"))
                .col(uuid_null("receiver_user_id"))
                .col(uuid_null("commission_id"))
                .col(prose("reason"))
                .col(text("urgency"))
                .col(text("status"))
                .col(prose("feedback"))
                .col(date("referred_on"))
                .col(uuid_null("referred_by"))
                .foreign_key(&mut fk("referrals", "family_id", "families"))
                .foreign_key(&mut fk("referrals", "center_id", "centers"))
                .foreign_key(&mut fk("referrals", "resource_id", "resources"))
                .foreign_key(&mut fk("referrals", "receiver_user_id", "users"))
                .foreign_key(&mut fk("referrals", "commission_id", "commissions")),
        )),
        index("ix_referrals_family", "referrals", &["family_id"], false),
        index("ix_referrals_receiver", "referrals", &["receiver_user_id"], false),
        index("ix_referrals_commission", "referrals", &["commission_id"], false),
        index("ix_referrals_center", "referrals", &["center_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("plan_goals"))
                .col(id())
                .col(uuid("family_id"))
                .col(uuid("center_id"))
                .col(uuid_null("member_id"))
                .col(text("domain"))
                // The harm addressed: none when `harm_indicator` is null.
                .col(ColumnDef::new(a("harm_indicator")).string().null())
                .col(uuid_null("harm_member_id"))
                .col(ColumnDef::new(a("harm_label")).string().null())
                .col(text("title"))
                .col(prose("notes"))
                .col(text("status"))
                .col(uuid_null("created_by"))
                .foreign_key(&mut fk("plan_goals", "family_id", "families"))
                .foreign_key(&mut fk("plan_goals", "center_id", "centers")),
        )),
        index("ix_plan_goals_family", "plan_goals", &["family_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("plan_activities"))
                .col(id())
                .col(uuid("family_id"))
                .col(uuid("center_id"))
                .col(uuid_null("goal_id"))
                .col(uuid_null("member_id"))
                .col(text("kind"))
                .col(text("domain"))
                .col(text("title"))
                .col(date("due_on"))
                .col(text("responsible"))
                .col(uuid_null("resource_id"))
                .col(uuid_null("task_id"))
                .col(text("status"))
                .col(prose("notes"))
                .col(uuid_null("service_id"))
                .col(uuid_null("created_by"))
                .foreign_key(&mut fk("plan_activities", "family_id", "families"))
                .foreign_key(&mut fk("plan_activities", "center_id", "centers"))
                .foreign_key(&mut fk("plan_activities", "goal_id", "plan_goals"))
                .foreign_key(&mut fk("plan_activities", "resource_id", "resources")),
        )),
        index("ix_plan_activities_family", "plan_activities", &["family_id", "due_on"], false),
        index("ix_plan_activities_center", "plan_activities", &["center_id", "due_on"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("services"))
                .col(id())
                .col(uuid("family_id"))
                .col(uuid("center_id"))
                .col(text("kind"))
                .col(text("domain"))
                .col(date("served_on"))
                .col(int("minutes"))
                // JSON array of the member ids it concerned.
                .col(ColumnDef::new(a("member_ids")).text().not_null().default("[]"))
                .col(uuid_null("resource_id"))
                .col(prose("notes"))
                .col(prose("outcome"))
                .col(date_null("follow_up_on"))
                .col(uuid_null("activity_id"))
                .col(uuid_null("referral_id"))
                .col(uuid_null("amends_id"))
                .col(prose("amend_reason"))
                .col(uuid_null("author_id"))
                .foreign_key(&mut fk("services", "family_id", "families"))
                .foreign_key(&mut fk("services", "center_id", "centers"))
                .foreign_key(&mut fk("services", "resource_id", "resources")),
        )),
        index("ix_services_family", "services", &["family_id", "served_on"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("commission_decisions"))
                .col(id())
                .col(uuid("commission_id"))
                .col(uuid("meeting_id"))
                .col(uuid("referral_id"))
                .col(uuid("family_id"))
                .col(prose("text"))
                .foreign_key(&mut fk("commission_decisions", "commission_id", "commissions"))
                .foreign_key(&mut fk("commission_decisions", "meeting_id", "commission_meetings"))
                .foreign_key(&mut fk("commission_decisions", "referral_id", "referrals"))
                .foreign_key(&mut fk("commission_decisions", "family_id", "families")),
        )),
        index("ix_commission_decisions_meeting", "commission_decisions", &["meeting_id"], false),
        index("ix_commission_decisions_family", "commission_decisions", &["family_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("commission_tasks"))
                .col(id())
                .col(uuid("commission_id"))
                .col(uuid("meeting_id"))
                .col(uuid("decision_id"))
                .col(uuid("referral_id"))
                .col(uuid("family_id"))
                .col(text("title"))
                // `member`, `resource` or `helper`, with the member's or
                // resource's id.
                .col(text("assignee_kind"))
                .col(uuid_null("assignee_id"))
                .col(date("due_on"))
                .col(text("status"))
                .col(date_null("done_on"))
                .col(prose("done_note"))
                .col(uuid_null("done_by"))
                .foreign_key(&mut fk("commission_tasks", "commission_id", "commissions"))
                .foreign_key(&mut fk("commission_tasks", "meeting_id", "commission_meetings"))
                .foreign_key(&mut fk("commission_tasks", "decision_id", "commission_decisions"))
                .foreign_key(&mut fk("commission_tasks", "referral_id", "referrals"))
                .foreign_key(&mut fk("commission_tasks", "family_id", "families")),
        )),
        index("ix_commission_tasks_commission", "commission_tasks", &["commission_id", "due_on"], false),
        index("ix_commission_tasks_family", "commission_tasks", &["family_id"], false),
    ]
}

fn big_null(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).big_integer().null().to_owned()
}

fn time_null(name: &str) -> ColumnDef {
    ColumnDef::new(a(name)).time().null().to_owned()
}

/// General assistance: group programs, their sessions, walk-in
/// participants, registrations and attendance.
fn programs() -> Vec<Step> {
    vec![
        Step::Table(sync_ready(
            Table::create()
                .table(a("programs"))
                .col(id())
                .col(uuid("hq_id"))
                .col(uuid("center_id"))
                .col(text("kind"))
                .col(text("domain"))
                .col(text("topic"))
                // `persian::search_key` of the topic: "the same topic".
                .col(text("topic_key"))
                .col(prose("description"))
                .col(uuid_null("organizer_center_id"))
                .col(uuid_null("organizer_resource_id"))
                // JSON: whom the program is for (`model::target_json`).
                .col(ColumnDef::new(a("target")).text().not_null())
                .col(text_default("place", ""))
                .col(text_default("online_link", ""))
                .col(big_null("capacity"))
                .col(text_default("facilitator", ""))
                .col(text_default("channel", ""))
                .col(date_null("starts_on"))
                .col(date_null("ends_on"))
                .col(big_null("reported_reach"))
                .foreign_key(&mut fk("programs", "hq_id", "headquarters"))
                .foreign_key(&mut fk("programs", "center_id", "centers"))
                .foreign_key(&mut fk("programs", "organizer_center_id", "centers"))
                .foreign_key(&mut fk("programs", "organizer_resource_id", "resources")),
        )),
        index("ix_programs_center", "programs", &["center_id"], false),
        index("ix_programs_topic", "programs", &["hq_id", "topic_key"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("program_sessions"))
                .col(id())
                .col(uuid("program_id"))
                .col(date("held_on"))
                .col(time_null("starts_at"))
                .col(time_null("ends_at"))
                .col(text_default("title", ""))
                .foreign_key(&mut fk("program_sessions", "program_id", "programs")),
        )),
        index("ix_program_sessions_program", "program_sessions", &["program_id", "held_on"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("program_walk_ins"))
                .col(id())
                .col(uuid("center_id"))
                .col(text("first_name"))
                .col(text("last_name"))
                .col(text_default("mobile", ""))
                .col(text("sex"))
                .col(big_null("birth_year"))
                .col(text_default("neighborhood", ""))
                // The registry's member this person turned out to be.
                .col(uuid_null("member_id"))
                .foreign_key(&mut fk("program_walk_ins", "center_id", "centers")),
        )),
        index("ix_program_walk_ins_center", "program_walk_ins", &["center_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("program_registrations"))
                .col(id())
                .col(uuid("program_id"))
                .col(uuid_null("member_id"))
                .col(uuid_null("family_id"))
                .col(uuid_null("walk_in_id"))
                // The partner's registration, for a couple.
                .col(uuid_null("partner_id"))
                .col(uuid_null("registered_by"))
                .foreign_key(&mut fk("program_registrations", "program_id", "programs")),
        )),
        index("ix_program_registrations_program", "program_registrations", &["program_id"], false),
        index("ix_program_registrations_member", "program_registrations", &["member_id"], false),
        index("ix_program_registrations_walk_in", "program_registrations", &["walk_in_id"], false),
        Step::Table(sync_ready(
            Table::create()
                .table(a("program_attendance"))
                .col(id())
                .col(uuid("session_id"))
                .col(uuid("registration_id"))
                .col(ColumnDef::new(a("present")).boolean().not_null())
                .col(uuid_null("family_id"))
                .foreign_key(&mut fk("program_attendance", "session_id", "program_sessions"))
                .foreign_key(&mut fk("program_attendance", "registration_id", "program_registrations")),
        )),
        // One line per participant and session: a second is a lost race.
        index("ux_program_attendance_line", "program_attendance", &["session_id", "registration_id"], true),
        index("ix_program_attendance_registration", "program_attendance", &["registration_id"], false),
    ]
}

const SORT_KEYS_SETTING: &str = "family_sort_keys";

/// Makes every family's sort key again when the keys stored were made by
/// other collation data (or never made): once after an upgrade.
pub async fn refresh_sort_keys(db: &DatabaseConnection) -> Result<(), DbErr> {
    use hamyar_domain::persian::{sort_key, sort_key_fingerprint};
    let fingerprint = sort_key_fingerprint();
    let stored = db
        .query_one(
            &Query::select()
                .column(a("value"))
                .from(a("store_settings"))
                .and_where(Expr::col(a("name")).eq(SORT_KEYS_SETTING))
                .to_owned(),
        )
        .await?
        .map(|row| row.try_get::<String>("", "value"))
        .transpose()?;
    if stored.as_deref() == Some(fingerprint.as_str()) {
        return Ok(());
    }
    let mut after: Option<uuid::Uuid> = None;
    let mut made = 0usize;
    loop {
        let mut page = Query::select();
        page.columns([a("id"), a("family_name"), a("head_name")])
            .from(a("families"))
            .order_by(a("id"), Order::Asc)
            .limit(2000);
        if let Some(last) = after {
            page.and_where(Expr::col(a("id")).gt(last));
        }
        let rows = db.query_all(&page).await?;
        if rows.is_empty() {
            break;
        }
        let txn = db.begin().await?;
        for row in &rows {
            let id: uuid::Uuid = row.try_get("", "id")?;
            let family_name: String = row.try_get("", "family_name")?;
            let head_name: String = row.try_get("", "head_name")?;
            txn.execute(
                &Query::update()
                    .table(a("families"))
                    .value(a("sort_key"), sort_key(&[&family_name, &head_name]))
                    .and_where(Expr::col(a("id")).eq(id))
                    .to_owned(),
            )
            .await?;
            after = Some(id);
        }
        txn.commit().await?;
        made += rows.len();
    }
    let txn = db.begin().await?;
    txn.execute(
        &Query::delete()
            .from_table(a("store_settings"))
            .and_where(Expr::col(a("name")).eq(SORT_KEYS_SETTING))
            .to_owned(),
    )
    .await?;
    let mut record = Query::insert();
    record
        .into_table(a("store_settings"))
        .columns([a("name"), a("value")])
        .values([SORT_KEYS_SETTING.into(), fingerprint.into()])
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    txn.execute(&record).await?;
    txn.commit().await?;
    if made > 0 {
        tracing::info!(families = made, "family sort keys made again");
    }
    Ok(())
}

/// Applies every migration not yet applied, each in its own transaction.
pub async fn run(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.execute(
        &Table::create()
            .table(a("schema_migrations"))
            .if_not_exists()
            .col(ColumnDef::new(a("name")).string().not_null().primary_key())
            .col(instant("applied_at"))
            .to_owned(),
    )
    .await?;
    for (name, steps) in MIGRATIONS {
        let applied = db
            .query_one(
                &Query::select()
                    .column(a("name"))
                    .from(a("schema_migrations"))
                    .and_where(Expr::col(a("name")).eq(*name))
                    .to_owned(),
            )
            .await?
            .is_some();
        if applied {
            continue;
        }
        let txn = db.begin().await?;
        for step in steps() {
            match step {
                Step::Table(t) => txn.execute(&t).await?,
                Step::Index(i) => txn.execute(&i).await?,
                Step::Alter(a) => txn.execute(&a).await?,
                Step::Sql(sql) => txn.execute_unprepared(sql).await?,
                Step::PerBackend(sqlite, postgres) => {
                    let statements = match txn.get_database_backend() {
                        sea_orm::DbBackend::Postgres => postgres,
                        _ => sqlite,
                    };
                    for sql in statements.iter() {
                        txn.execute_unprepared(sql).await?;
                    }
                    continue;
                }
            };
        }
        let mut record = Query::insert();
        record
            .into_table(a("schema_migrations"))
            .columns([a("name"), a("applied_at")])
            .values([(*name).into(), chrono::Utc::now().into()])
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        txn.execute(&record).await?;
        txn.commit().await?;
        tracing::info!(migration = name, "applied");
    }
    Ok(())
}
