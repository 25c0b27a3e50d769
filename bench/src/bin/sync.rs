//! Offline sync benchmark (see bench/README.md): N simulated helpers
//! (default 1,000), each with 15 families on one device, do a first sync
//! (pull) and then push 20 member edits each, two at a time per core;
//! reports mutations per second and the 99th-percentile push and pull
//! latency. SQLite in a fresh directory by default;
//! `HAMYAR_BENCH_DATABASE_URL=postgres://…` runs it on PostgreSQL (an empty
//! database).

use hamyar_application::{
    Actor, Hamyar,
    auth::actor_of,
    caseloads::AssignInput,
    families::{MemberInput, NewFamilyInput},
    helpers::{AcceptInput, HelperInput, RulesInput},
    sync::DeviceInput,
    sync_push::MutationInput,
    users::NewUserInput,
};
use hamyar_domain::{organization::HqLevel, role::Role};
use serde_json::{Map, Value};
use std::{
    sync::Arc,
    time::{Duration, Instant},
};
use uuid::Uuid;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FAMILIES_PER_HELPER: usize = 15;
const MUTATIONS_PER_DEVICE: usize = 20;
const HELPERS_PER_CENTER: usize = 25;
const PASSWORD: &str = "bench-password-2026";

type Error = Box<dyn std::error::Error + Send + Sync>;

/// A helper ready to sync: their actor (with their families) and device.
struct Field {
    actor: Actor,
    device: Uuid,
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len().max(1));
    samples.get(rank - 1).copied().unwrap_or_default()
}

async fn setup(app: &Arc<Hamyar>, helpers: usize) -> Result<Vec<Field>, Error> {
    let hq = app.bootstrap_headquarters("bench-sync", "ستاد آزمون همگام‌سازی", HqLevel::Province).await?;
    let admin = app
        .bootstrap_user(NewUserInput {
            id: None,
            username: "bench.admin".into(),
            display_name: "مدیر ستاد".into(),
            role: Role::HqAdmin,
            password: PASSWORD.into(),
            center_id: None,
            hq_id: Some(hq.id),
        })
        .await?;
    let rules = RulesInput {
        version: None,
        pre_service_hours: 0.0,
        in_service_hours: 40.0,
        caseload_max: FAMILIES_PER_HELPER as i64,
        caseload_min: 5,
        assignment_days: 365,
        offline_lock_days: None,
    };
    app.set_program_rules(&actor_of(&admin), rules).await?;
    let mut fields = Vec::with_capacity(helpers);
    let centers = helpers.div_ceil(HELPERS_PER_CENTER);
    for c in 0..centers {
        let center = app.bootstrap_center(&hq, &format!("bench-{c}"), &format!("مرکز {c}")).await?;
        let manager = actor_of(
            &app.bootstrap_user(NewUserInput {
                id: None,
                username: format!("bench.manager.{c}"),
                display_name: format!("مدیر {c}"),
                role: Role::CenterManager,
                password: PASSWORD.into(),
                center_id: Some(center.id),
                hq_id: None,
            })
            .await?,
        );
        let here = HELPERS_PER_CENTER.min(helpers - c * HELPERS_PER_CENTER);
        for h in 0..here {
            let n = c * HELPERS_PER_CENTER + h;
            let made = app
                .create_helper(
                    &manager,
                    HelperInput {
                        id: None,
                        center_id: None,
                        first_name: "همیار".into(),
                        last_name: format!("شماره {n}"),
                        mobile: String::new(),
                        background: "local_activist".into(),
                        field_of_study: String::new(),
                        skills: vec!["counseling".into()],
                        neighborhood: "محله".into(),
                        availability: String::new(),
                        notes: String::new(),
                    },
                )
                .await?;
            let id = made.summary.helper.id;
            let trained =
                app.change_helper_status(&manager, id, made.summary.helper.meta.version, "in_training", "").await?;
            let accepted = app
                .accept_helper(
                    &manager,
                    id,
                    AcceptInput {
                        version: trained.summary.helper.meta.version,
                        username: Some(format!("bench.helper.{n}")),
                        password: Some(PASSWORD.into()),
                        reason: String::new(),
                    },
                )
                .await?;
            let user_id = accepted.summary.helper.user_id.ok_or("no account")?;
            for f in 0..FAMILIES_PER_HELPER {
                let input = NewFamilyInput {
                    family_name: Some(format!("خانوادهٔ {n}-{f}")),
                    neighborhood: Some("محله".into()),
                    head: MemberInput {
                        first_name: Some("علی".into()),
                        last_name: Some(format!("کریمی {n}-{f}")),
                        sex: Some("male".into()),
                        birth_date: Some("1980-01-01".into()),
                        ..MemberInput::default()
                    },
                    ..NewFamilyInput::default()
                };
                let family = app.bootstrap_family(center.id, input, Vec::new()).await?;
                let assign =
                    AssignInput { helper_id: id, starts_on: None, ends_on: None, reason: "آزمون بار".into() };
                app.assign_family(&manager, family.family.id, assign).await?;
            }
            let user = app.store().get_user(user_id).await?.ok_or("no user")?;
            let mut actor = actor_of(&user);
            actor.assigned_families = app
                .store()
                .assigned_families(user_id, (chrono::Utc::now() + chrono::Duration::hours(4)).date_naive())
                .await?;
            let device = Uuid::now_v7();
            app.register_device(
                &actor,
                DeviceInput { id: device, name: "گوشی".into(), app_version: "bench".into(), protocol: 1 },
            )
            .await?;
            fields.push(Field { actor, device });
        }
        eprintln!("  set up {} of {helpers} helpers", fields.len());
    }
    Ok(fields)
}

/// One device's first sync, then its pushes (two mutations per push, as a
/// phone on a poor line sends what it has): latencies of each call.
async fn run_device(app: Arc<Hamyar>, field: Field) -> Result<(Vec<Duration>, Vec<Duration>, usize), Error> {
    let mut pulls = Vec::new();
    let mut pushes = Vec::new();
    let mut cursor: Option<String> = None;
    let mut members: Vec<(Uuid, Uuid, i64)> = Vec::new();
    loop {
        let started = Instant::now();
        let page = app.pull(&field.actor, field.device, 1, cursor.as_deref(), None).await?;
        pulls.push(started.elapsed());
        for detail in &page.families {
            members.extend(detail.members.iter().map(|m| (m.id, m.family_id, m.meta.version)));
        }
        cursor = Some(page.cursor);
        if !page.more {
            break;
        }
    }
    if members.is_empty() {
        return Err("the first sync brought no families".into());
    }
    let mut applied = 0;
    let mut seq = 0;
    for chunk in (0..MUTATIONS_PER_DEVICE).collect::<Vec<_>>().chunks(2) {
        let mut batch = Vec::new();
        for i in chunk {
            let (member, family, version) = members[i % members.len()];
            seq += 1;
            let mut fields = Map::new();
            fields.insert("occupation".into(), Value::String(format!("شغل {i}")));
            batch.push(MutationInput {
                id: Uuid::now_v7(),
                device_seq: seq,
                entity: "family_member".into(),
                entity_id: member,
                family_id: family,
                op: "update".into(),
                base_version: Some(version),
                fields,
                device_time: Some(chrono::Utc::now()),
            });
        }
        let started = Instant::now();
        let answers = app.push(&field.actor, field.device, 1, batch).await?;
        pushes.push(started.elapsed());
        for a in &answers {
            if a.record.result == hamyar_application::model::MutationResult::Rejected {
                return Err(format!("refused: {} {}", a.record.reason, a.record.message).into());
            }
            applied += 1;
            // The device keeps the version the server answered.
            if let (Some(v), Some(slot)) = (a.record.version, members.iter_mut().find(|m| m.0 == a.record.entity_id)) {
                slot.2 = v;
            }
        }
    }
    // A last pull brings the device's own edits back (as any other change).
    let started = Instant::now();
    app.pull(&field.actor, field.device, 1, cursor.as_deref(), None).await?;
    pulls.push(started.elapsed());
    Ok((pulls, pushes, applied))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let helpers: usize = std::env::args().nth(1).map(|a| a.parse()).transpose()?.unwrap_or(1000);
    let temp = tempfile::tempdir()?;
    let url =
        std::env::var("HAMYAR_BENCH_DATABASE_URL").unwrap_or_else(|_| hamyar_storage::sqlite_url_for_dir(temp.path()));
    let backend = if url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" };
    let db = hamyar_storage::Db::connect(&url).await?;
    let app = Arc::new(Hamyar::new(Arc::new(db.clone())));
    println!(
        "sync benchmark: {helpers} devices × {FAMILIES_PER_HELPER} families, {MUTATIONS_PER_DEVICE} mutations each, on {backend}"
    );
    let started = Instant::now();
    let fields = setup(&app, helpers).await?;
    println!("setup: {:.1} s", started.elapsed().as_secs_f64());

    // Devices sync concurrently, a few at a time per core, as phones do.
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get()) * 4;
    let started = Instant::now();
    let mut pulls = Vec::new();
    let mut pushes = Vec::new();
    let mut applied = 0;
    let mut queue = fields.into_iter();
    let mut running = tokio::task::JoinSet::new();
    loop {
        while running.len() < parallel {
            let Some(field) = queue.next() else { break };
            running.spawn(run_device(app.clone(), field));
        }
        let Some(done) = running.join_next().await else { break };
        let (p, q, n) = done??;
        pulls.extend(p);
        pushes.extend(q);
        applied += n;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "{applied} mutations applied in {elapsed:.1} s: {:.0} mutations/s (first syncs and pulls included)",
        applied as f64 / elapsed
    );
    println!(
        "push (2 mutations): p50 {:.1} ms, p99 {:.1} ms over {} pushes",
        percentile(&mut pushes, 0.5).as_secs_f64() * 1000.0,
        percentile(&mut pushes, 0.99).as_secs_f64() * 1000.0,
        pushes.len()
    );
    println!(
        "pull: p50 {:.1} ms, p99 {:.1} ms over {} pulls",
        percentile(&mut pulls, 0.5).as_secs_f64() * 1000.0,
        percentile(&mut pulls, 0.99).as_secs_f64() * 1000.0,
        pulls.len()
    );
    Ok(())
}
