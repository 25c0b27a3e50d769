//! Instruments, assessments, current tiers and reclassifications, for both
//! backends.

use crate::{
    Db,
    convert::corrupt,
    entity::{assessment, family_tier, instrument, reclassification, tier_change},
    stores::{Change, backend, centers_of, insert_statements, log_change, log_family_change, write_versioned},
};
use async_trait::async_trait;
use hamyar_application::{
    model::{
        AssessedTier, Assessment, AssessmentResult, AssessmentWrite, InstrumentRecord, ReclassificationRecord,
        SyncMeta, TierChange, TierInput, TierOverride, WriteContext,
    },
    ports::{AssessmentStore, Scope, StoreResult},
};
use hamyar_domain::tier::{AssessmentDomain, AssessmentKind, AssessmentStatus, Tier};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::NotSet,
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Order, Query},
};
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;
use uuid::Uuid;

fn parse<T: FromStr>(what: &str, value: &str) -> StoreResult<T> {
    value.parse().map_err(|_| corrupt(what, value))
}

fn tier_of(value: Option<&str>) -> StoreResult<Option<Tier>> {
    value.map(|v| parse("tier", v)).transpose()
}

fn json<T: serde::de::DeserializeOwned>(what: &str, value: &str) -> StoreResult<T> {
    serde_json::from_str(value).map_err(|_| corrupt(what, value))
}

fn meta(
    version: i64,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
) -> SyncMeta {
    SyncMeta { version, created_at, updated_at, deleted_at: None }
}

fn instrument_from(m: instrument::Model) -> StoreResult<InstrumentRecord> {
    Ok(InstrumentRecord {
        instrument_version: u32::try_from(m.instrument_version)
            .map_err(|_| corrupt("instrument version", &m.instrument_version.to_string()))?,
        id: m.id,
        hq_id: m.hq_id,
        code: m.code,
        title_fa: m.title_fa,
        title_en: m.title_en,
        source: m.source,
        published_by: m.published_by,
        meta: SyncMeta { deleted_at: m.deleted_at, ..meta(m.version, m.created_at, m.updated_at) },
    })
}

fn scores_of(social: Option<f64>, economic: Option<f64>, cultural: Option<f64>) -> BTreeMap<AssessmentDomain, f64> {
    [(AssessmentDomain::Social, social), (AssessmentDomain::Economic, economic), (AssessmentDomain::Cultural, cultural)]
        .into_iter()
        .filter_map(|(d, s)| s.map(|s| (d, s)))
        .collect()
}

fn assessment_from(m: assessment::Model) -> StoreResult<Assessment> {
    let tier_override = match (tier_of(m.override_tier.as_deref())?, m.override_at) {
        (Some(tier), Some(at)) => Some(TierOverride { tier, reason: m.override_reason.clone(), by: m.override_by, at }),
        _ => None,
    };
    Ok(Assessment {
        id: m.id,
        family_id: m.family_id,
        center_id: m.center_id,
        instrument_id: m.instrument_id,
        kind: parse("assessment kind", &m.kind)?,
        status: parse("assessment status", &m.status)?,
        assessed_on: m.assessed_on,
        assessor_id: m.assessor_id,
        answers: json("answers", &m.answers)?,
        result: AssessmentResult {
            domain_scores: scores_of(m.social_score, m.economic_score, m.cultural_score),
            computed_tier: tier_of(m.computed_tier.as_deref())?,
            capacities: json("capacities", &m.capacities)?,
            harms: json("harms", &m.harms)?,
        },
        tier_override,
        corrects: m.corrects_id,
        correction_reason: m.correction_reason,
        superseded_by: m.superseded_by,
        created_by: m.created_by,
        finalized_by: m.finalized_by,
        finalized_at: m.finalized_at,
        meta: SyncMeta { deleted_at: m.deleted_at, ..meta(m.version, m.created_at, m.updated_at) },
    })
}

fn assessment_to(a: &Assessment) -> assessment::Model {
    let score = |d| a.result.domain_scores.get(&d).copied();
    let o = a.tier_override.as_ref();
    assessment::Model {
        id: a.id,
        family_id: a.family_id,
        center_id: a.center_id,
        instrument_id: a.instrument_id,
        kind: a.kind.code().to_owned(),
        status: a.status.code().to_owned(),
        assessed_on: a.assessed_on,
        assessor_id: a.assessor_id,
        answers: serde_json::to_string(&a.answers).unwrap_or_else(|_| "{}".to_owned()),
        social_score: score(AssessmentDomain::Social),
        economic_score: score(AssessmentDomain::Economic),
        cultural_score: score(AssessmentDomain::Cultural),
        computed_tier: a.result.computed_tier.map(|t| t.code().to_owned()),
        override_tier: o.map(|o| o.tier.code().to_owned()),
        override_reason: o.map(|o| o.reason.clone()).unwrap_or_default(),
        override_by: o.and_then(|o| o.by),
        override_at: o.map(|o| o.at),
        capacities: serde_json::to_string(&a.result.capacities).unwrap_or_else(|_| "[]".to_owned()),
        harms: serde_json::to_string(&a.result.harms).unwrap_or_else(|_| "[]".to_owned()),
        corrects_id: a.corrects,
        correction_reason: a.correction_reason.clone(),
        superseded_by: a.superseded_by,
        created_by: a.created_by,
        finalized_by: a.finalized_by,
        finalized_at: a.finalized_at,
        version: a.meta.version,
        created_at: a.meta.created_at,
        updated_at: a.meta.updated_at,
        deleted_at: a.meta.deleted_at,
    }
}

/// The change-log form of an assessment: everything but the answers'
/// bulk is readable in a history.
fn assessment_json(a: &Assessment) -> serde_json::Value {
    serde_json::json!({
        "family_id": a.family_id,
        "instrument_id": a.instrument_id,
        "kind": a.kind.code(),
        "status": a.status.code(),
        "assessed_on": a.assessed_on,
        "assessor_id": a.assessor_id,
        "answers": a.answers,
        "domain_scores": a.result.domain_scores,
        "computed_tier": a.result.computed_tier,
        "override_tier": a.tier_override.as_ref().map(|o| o.tier),
        "override_reason": a.tier_override.as_ref().map(|o| o.reason.clone()),
        "corrects_id": a.corrects,
        "correction_reason": a.correction_reason,
        "superseded_by": a.superseded_by,
        "deleted": a.meta.deleted_at.is_some(),
    })
}

fn reclassification_from(m: reclassification::Model) -> StoreResult<ReclassificationRecord> {
    Ok(ReclassificationRecord {
        summary: json("reclassification summary", &m.summary)?,
        id: m.id,
        hq_id: m.hq_id,
        instrument_id: m.instrument_id,
        run_by: m.run_by,
        run_at: m.run_at,
        families_scored: u64::try_from(m.families_scored).unwrap_or(0),
        families_changed: u64::try_from(m.families_changed).unwrap_or(0),
    })
}

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// Keeps a select to the centers a scope covers (`column` names the
/// center column); None when the scope sees nothing.
fn scoped(
    mut select: sea_orm::sea_query::SelectStatement,
    scope: Scope,
    column: (Alias, Alias),
) -> Option<sea_orm::sea_query::SelectStatement> {
    match scope {
        Scope::Nothing | Scope::AssignedTo { .. } => return None,
        Scope::Everything => {}
        Scope::Headquarters(hq) => {
            select.and_where(Expr::col(column).in_subquery(centers_of(hq)));
        }
        Scope::Center(center) => {
            select.and_where(Expr::col(column).eq(center));
        }
    }
    Some(select)
}

/// Separators of the rows and fields of [`Db::sqlite_tier_inputs`]: control
/// characters, which stored JSON (written by serde_json) always escapes.
const ROW_SEPARATOR: char = '\u{1e}';
const FIELD_SEPARATOR: char = '\u{1f}';

impl Db {
    /// Reclassification reads every assessed family: on SQLite, a page
    /// comes back as one text value (SQLite's driver hands rows over one by
    /// one, and that handing-over cost more than the reading).
    async fn sqlite_tier_inputs(&self, hq_id: Uuid, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<TierInput>> {
        let sql = format!(
            "SELECT group_concat(line, char(30)) AS page FROM (\
             SELECT hex(ft.family_id) || char(31) || hex(ft.center_id) || char(31) || ft.tier || char(31) \
             || coalesce(a.override_tier, '') || char(31) || a.answers AS line \
             FROM family_tiers ft JOIN assessments a ON a.id = ft.assessment_id \
             JOIN families f ON f.id = ft.family_id \
             WHERE f.deleted_at IS NULL AND +ft.center_id IN (SELECT id FROM centers WHERE hq_id = ?) {} \
             ORDER BY ft.family_id LIMIT {limit})",
            if after.is_some() { "AND ft.family_id > ?" } else { "" }
        );
        let mut values: Vec<sea_orm::Value> = vec![hq_id.into()];
        if let Some(after) = after {
            values.push(after.into());
        }
        let statement = sea_orm::Statement::from_sql_and_values(sea_orm::DbBackend::Sqlite, sql, values);
        let row = self.conn.query_one_raw(statement).await.map_err(backend)?;
        let page: Option<String> = match row {
            Some(r) => r.try_get("", "page").map_err(backend)?,
            None => None,
        };
        let Some(page) = page else { return Ok(Vec::new()) };
        let mut out = Vec::with_capacity(usize::try_from(limit).unwrap_or(0));
        for line in page.split(ROW_SEPARATOR) {
            let mut fields = line.splitn(5, FIELD_SEPARATOR);
            let mut next = || fields.next().ok_or_else(|| corrupt("tier input", line));
            let family_id = Uuid::parse_str(next()?).map_err(|_| corrupt("family id", line))?;
            let center_id = Uuid::parse_str(next()?).map_err(|_| corrupt("center id", line))?;
            let tier = parse("tier", next()?)?;
            let overridden = next()?;
            let override_tier = if overridden.is_empty() { None } else { Some(parse("tier", overridden)?) };
            out.push(TierInput { family_id, center_id, tier, answers: next()?.to_owned(), override_tier });
        }
        // The keyset: pages are read in id order, whatever order the text came in.
        out.sort_by_key(|i| i.family_id);
        Ok(out)
    }
}

#[async_trait]
impl AssessmentStore for Db {
    async fn insert_instrument(&self, ctx: WriteContext, i: &InstrumentRecord) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        instrument::Model {
            id: i.id,
            hq_id: i.hq_id,
            code: i.code.clone(),
            instrument_version: i64::from(i.instrument_version),
            title_fa: i.title_fa.clone(),
            title_en: i.title_en.clone(),
            source: i.source.clone(),
            published_by: i.published_by,
            version: i.meta.version,
            created_at: i.meta.created_at,
            updated_at: i.meta.updated_at,
            deleted_at: i.meta.deleted_at,
        }
        .into_active_model()
        .insert(&txn)
        .await
        .map_err(backend)?;
        let change = Change {
            entity: "instrument",
            entity_id: i.id,
            op: "create",
            version: i.meta.version,
            hq_id: i.hq_id,
            center_id: None,
            data: serde_json::json!({
                "code": i.code, "instrument_version": i.instrument_version, "title_fa": i.title_fa,
                "title_en": i.title_en, "source": i.source,
            }),
        };
        log_change(&txn, ctx, change).await?;
        txn.commit().await.map_err(backend)
    }

    async fn get_instrument(&self, id: Uuid) -> StoreResult<Option<InstrumentRecord>> {
        let row = instrument::Entity::find_by_id(id)
            .filter(instrument::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(instrument_from).transpose()
    }

    async fn instruments_for(&self, hq_id: Option<Uuid>) -> StoreResult<Vec<InstrumentRecord>> {
        let mut whose = sea_orm::Condition::any().add(instrument::Column::HqId.is_null());
        if let Some(hq) = hq_id {
            whose = whose.add(instrument::Column::HqId.eq(hq));
        }
        let rows = instrument::Entity::find()
            .filter(whose)
            .filter(instrument::Column::DeletedAt.is_null())
            .order_by_asc(instrument::Column::CreatedAt)
            .order_by_asc(instrument::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(instrument_from).collect()
    }

    async fn save_assessments(&self, ctx: WriteContext, write: &AssessmentWrite) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let mut hq_of: HashMap<Uuid, Uuid> = HashMap::new();
        for a in &write.assessments {
            let hq = match hq_of.get(&a.center_id) {
                Some(hq) => *hq,
                None => {
                    let hq = Self::hq_of_center(&txn, a.center_id).await?;
                    hq_of.insert(a.center_id, hq);
                    hq
                }
            };
            let mut row = assessment_to(a).into_active_model();
            if a.meta.version > 1 {
                row = row.reset_all();
                row.id = NotSet;
                row.created_at = NotSet;
            }
            write_versioned(&txn, row, a.id, a.meta.version).await?;
            let op = match (a.meta.version, a.meta.deleted_at, a.status) {
                (1, _, _) => "create",
                (_, Some(_), _) => "delete",
                (_, None, AssessmentStatus::Final) if a.finalized_at == Some(a.meta.updated_at) => "finalize",
                _ => "update",
            };
            let change = Change {
                entity: "assessment",
                entity_id: a.id,
                op,
                version: a.meta.version,
                hq_id: Some(hq),
                center_id: Some(a.center_id),
                data: assessment_json(a),
            };
            log_family_change(&txn, ctx, (change, Some(a.family_id), None)).await?;
        }
        if let Some((family_id, center_id, tier, assessment_id)) = write.family_tier {
            family_tier::Entity::delete_by_id(family_id).exec(&txn).await.map_err(backend)?;
            family_tier::Model {
                family_id,
                center_id,
                tier: tier.code().to_owned(),
                assessment_id,
                updated_at: ctx.at,
            }
            .into_active_model()
            .insert(&txn)
            .await
            .map_err(backend)?;
        }
        txn.commit().await.map_err(backend)
    }

    async fn get_assessment(&self, id: Uuid) -> StoreResult<Option<Assessment>> {
        let row = assessment::Entity::find_by_id(id)
            .filter(assessment::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(assessment_from).transpose()
    }

    async fn family_assessments(&self, family_id: Uuid) -> StoreResult<Vec<Assessment>> {
        let rows = assessment::Entity::find()
            .filter(assessment::Column::FamilyId.eq(family_id))
            .filter(assessment::Column::DeletedAt.is_null())
            .order_by_desc(assessment::Column::AssessedOn)
            .order_by_desc(assessment::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(assessment_from).collect()
    }

    async fn family_tiers(&self, family_ids: &[Uuid]) -> StoreResult<HashMap<Uuid, Tier>> {
        if family_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows = family_tier::Entity::find()
            .filter(family_tier::Column::FamilyId.is_in(family_ids.to_vec()))
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(|r| Ok((r.family_id, parse("tier", &r.tier)?))).collect()
    }

    async fn tier_counts(&self, scope: Scope) -> StoreResult<Vec<(Uuid, Option<Tier>, u64)>> {
        let mut select = Query::select();
        select
            .column((a("families"), a("center_id")))
            .column((a("family_tiers"), a("tier")))
            .expr_as(Func::count(Expr::col((a("families"), a("id")))), a("n"))
            .from(a("families"))
            .join(
                JoinType::LeftJoin,
                a("family_tiers"),
                Expr::col((a("family_tiers"), a("family_id"))).equals((a("families"), a("id"))),
            )
            .and_where(Expr::col((a("families"), a("deleted_at"))).is_null())
            .and_where(Expr::col((a("families"), a("status"))).eq("active"))
            .group_by_col((a("families"), a("center_id")))
            .group_by_col((a("family_tiers"), a("tier")));
        let Some(select) = scoped(select, scope, (a("families"), a("center_id"))) else {
            return Ok(Vec::new());
        };
        let rows = self.conn.query_all(&select).await.map_err(backend)?;
        rows.iter()
            .map(|r| {
                let center: Uuid = r.try_get("", "center_id").map_err(backend)?;
                let tier: Option<String> = r.try_get("", "tier").map_err(backend)?;
                let n: i64 = r.try_get("", "n").map_err(backend)?;
                Ok((center, tier_of(tier.as_deref())?, u64::try_from(n).unwrap_or(0)))
            })
            .collect()
    }

    async fn assessed_tiers(
        &self,
        scope: Scope,
        query: hamyar_application::ports::AssessedTierQuery,
    ) -> StoreResult<Vec<AssessedTier>> {
        let col = |c: &str| (a("assessments"), a(c));
        let mut select = Query::select();
        select
            .columns(
                ["family_id", "center_id", "kind", "assessed_on", "assessor_id", "computed_tier", "override_tier"]
                    .map(col),
            )
            .from(a("assessments"))
            .join(JoinType::InnerJoin, a("families"), Expr::col((a("families"), a("id"))).equals(col("family_id")))
            .and_where(Expr::col((a("families"), a("deleted_at"))).is_null())
            .and_where(Expr::col(col("deleted_at")).is_null())
            .and_where(Expr::col(col("status")).eq(AssessmentStatus::Final.code()))
            .and_where(Expr::col(col("superseded_by")).is_null())
            .and_where(
                Expr::col(col("kind")).is_in([AssessmentKind::Baseline.code(), AssessmentKind::EndOfPlan.code()]),
            )
            .order_by(col("assessed_on"), Order::Asc)
            .order_by(col("id"), Order::Asc);
        if let Some(center) = query.center_id {
            select.and_where(Expr::col(col("center_id")).eq(center));
        }
        if let Some(assessor) = query.assessor_id {
            select.and_where(Expr::col(col("assessor_id")).eq(assessor));
        }
        let Some(select) = scoped(select, scope, col("center_id")) else {
            return Ok(Vec::new());
        };
        let rows = self.conn.query_all(&select).await.map_err(backend)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let computed: Option<String> = r.try_get("", "computed_tier").map_err(backend)?;
            let overridden: Option<String> = r.try_get("", "override_tier").map_err(backend)?;
            let Some(tier) = tier_of(overridden.as_deref())?.or(tier_of(computed.as_deref())?) else {
                continue;
            };
            let kind: String = r.try_get("", "kind").map_err(backend)?;
            out.push(AssessedTier {
                family_id: r.try_get("", "family_id").map_err(backend)?,
                center_id: r.try_get("", "center_id").map_err(backend)?,
                kind: parse("assessment kind", &kind)?,
                assessed_on: r.try_get("", "assessed_on").map_err(backend)?,
                assessor_id: r.try_get("", "assessor_id").map_err(backend)?,
                tier,
            });
        }
        Ok(out)
    }

    async fn family_tier_changes(&self, family_id: Uuid) -> StoreResult<Vec<(ReclassificationRecord, TierChange)>> {
        let changes = tier_change::Entity::find()
            .filter(tier_change::Column::FamilyId.eq(family_id))
            .order_by_asc(tier_change::Column::Seq)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let runs: HashMap<Uuid, reclassification::Model> = reclassification::Entity::find()
            .filter(
                reclassification::Column::Id.is_in(changes.iter().map(|c| c.reclassification_id).collect::<Vec<_>>()),
            )
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let mut out = Vec::new();
        for c in changes {
            let Some(run) = runs.get(&c.reclassification_id) else { continue };
            let Some(from) = tier_of(c.from_tier.as_deref())? else { continue };
            out.push((
                reclassification_from(run.clone())?,
                TierChange {
                    family_id: c.family_id,
                    from,
                    to: parse("tier", &c.to_tier)?,
                    domain_scores: scores_of(c.social_score, c.economic_score, c.cultural_score),
                },
            ));
        }
        Ok(out)
    }

    async fn tier_inputs(&self, hq_id: Uuid, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<TierInput>> {
        if self.backend() == sea_orm::DbBackend::Sqlite {
            return self.sqlite_tier_inputs(hq_id, after, limit).await;
        }
        let ft = |c: &str| (a("family_tiers"), a(c));
        let mut select = Query::select();
        select
            .columns(["family_id", "center_id", "tier"].map(ft))
            .columns(["answers", "override_tier"].map(|c| (a("assessments"), a(c))))
            .from(a("family_tiers"))
            .join(
                JoinType::InnerJoin,
                a("assessments"),
                Expr::col((a("assessments"), a("id"))).equals(ft("assessment_id")),
            )
            .join(JoinType::InnerJoin, a("families"), Expr::col((a("families"), a("id"))).equals(ft("family_id")))
            .and_where(Expr::col((a("families"), a("deleted_at"))).is_null())
            .and_where(Expr::col(ft("center_id")).in_subquery(centers_of(hq_id)))
            .order_by(ft("family_id"), Order::Asc)
            .limit(limit);
        if let Some(after) = after {
            select.and_where(Expr::col(ft("family_id")).gt(after));
        }
        let rows = self.conn.query_all(&select).await.map_err(backend)?;
        rows.iter()
            .map(|r| {
                let tier: String = r.try_get("", "tier").map_err(backend)?;
                let overridden: Option<String> = r.try_get("", "override_tier").map_err(backend)?;
                Ok(TierInput {
                    family_id: r.try_get("", "family_id").map_err(backend)?,
                    center_id: r.try_get("", "center_id").map_err(backend)?,
                    tier: parse("tier", &tier)?,
                    answers: r.try_get("", "answers").map_err(backend)?,
                    override_tier: tier_of(overridden.as_deref())?,
                })
            })
            .collect()
    }

    async fn apply_reclassification(
        &self,
        ctx: WriteContext,
        run: &ReclassificationRecord,
        changes: &[TierChange],
    ) -> StoreResult<()> {
        let db = self.backend();
        let txn = self.write_txn().await?;
        reclassification::Model {
            id: run.id,
            hq_id: run.hq_id,
            instrument_id: run.instrument_id,
            run_by: run.run_by,
            run_at: run.run_at,
            families_scored: i64::try_from(run.families_scored).unwrap_or(i64::MAX),
            families_changed: i64::try_from(run.families_changed).unwrap_or(i64::MAX),
            summary: run.summary.to_string(),
        }
        .into_active_model()
        .insert(&txn)
        .await
        .map_err(backend)?;
        let rows: Vec<tier_change::ActiveModel> = changes
            .iter()
            .map(|c| {
                let score = |d| c.domain_scores.get(&d).copied();
                tier_change::ActiveModel {
                    seq: NotSet,
                    reclassification_id: sea_orm::ActiveValue::Set(run.id),
                    family_id: sea_orm::ActiveValue::Set(c.family_id),
                    from_tier: sea_orm::ActiveValue::Set(Some(c.from.code().to_owned())),
                    to_tier: sea_orm::ActiveValue::Set(c.to.code().to_owned()),
                    social_score: sea_orm::ActiveValue::Set(score(AssessmentDomain::Social)),
                    economic_score: sea_orm::ActiveValue::Set(score(AssessmentDomain::Economic)),
                    cultural_score: sea_orm::ActiveValue::Set(score(AssessmentDomain::Cultural)),
                }
            })
            .collect();
        let mut statements = Vec::new();
        insert_statements(db, rows, &mut |s| {
            statements.push(s);
            true
        });
        for statement in statements {
            txn.execute_raw(statement).await.map_err(backend)?;
        }
        // One statement moves every changed family: the new tier is the
        // run's change for it.
        let change = |c: &str| (a("tier_changes"), a(c));
        let new_tier = Query::select()
            .column(change("to_tier"))
            .from(a("tier_changes"))
            .and_where(Expr::col(change("reclassification_id")).eq(run.id))
            .and_where(Expr::col(change("family_id")).equals((a("family_tiers"), a("family_id"))))
            .to_owned();
        let changed = Query::select()
            .column(change("family_id"))
            .from(a("tier_changes"))
            .and_where(Expr::col(change("reclassification_id")).eq(run.id))
            .to_owned();
        let update = Query::update()
            .table(a("family_tiers"))
            .value(
                a("tier"),
                Expr::SubQuery(
                    None,
                    Box::new(sea_orm::sea_query::QueryStatementBuilder::into_sub_query_statement(new_tier)),
                ),
            )
            .value(a("updated_at"), ctx.at)
            .and_where(Expr::col(a("family_id")).in_subquery(changed))
            .to_owned();
        txn.execute(&update).await.map_err(backend)?;
        let entry = Change {
            entity: "reclassification",
            entity_id: run.id,
            op: "create",
            version: 1,
            hq_id: Some(run.hq_id),
            center_id: None,
            data: serde_json::json!({
                "instrument_id": run.instrument_id,
                "families_scored": run.families_scored,
                "families_changed": run.families_changed,
                "summary": run.summary,
            }),
        };
        log_change(&txn, ctx, entry).await?;
        txn.commit().await.map_err(backend)
    }

    async fn reclassifications(&self, hq_id: Uuid) -> StoreResult<Vec<ReclassificationRecord>> {
        let rows = reclassification::Entity::find()
            .filter(reclassification::Column::HqId.eq(hq_id))
            .order_by_desc(reclassification::Column::RunAt)
            .order_by_desc(reclassification::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(reclassification_from).collect()
    }
}
