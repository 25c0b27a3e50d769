//! Storage: migrations, sync-ready records, the change log.

use crate::{
    on_both_backends,
    support::{Backend, Env, TestDb},
};
use hamyar_application::{
    AppError,
    orgs::{CenterPatch, NewCenterInput},
    ports::{ChangeLogStore, OrgStore},
};
use hamyar_domain::organization::HqLevel;
use hamyar_storage::Db;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

on_both_backends!(
    migrations_run_once_and_reopen_cleanly,
    every_write_is_in_the_change_log_in_server_order,
    clients_may_choose_record_ids,
    a_stale_version_never_overwrites,
    names_sort_in_persian_alphabetical_order,
);

async fn migrations_run_once_and_reopen_cleanly(backend: Backend) {
    let test_db = TestDb::new(&backend).await;
    let first = Db::connect(&test_db.url).await.unwrap();
    let app = hamyar_application::Hamyar::new(std::sync::Arc::new(first.clone()));
    app.bootstrap_headquarters("tehran", "ستاد", HqLevel::Province).await.unwrap();
    first.close().await.unwrap();
    let again = Db::connect(&test_db.url).await.unwrap();
    let hqs = again.list_headquarters(hamyar_application::ports::Scope::Everything).await.unwrap();
    assert_eq!(hqs.len(), 1, "data survives, migrations are not re-applied");
    again.close().await.unwrap();
    test_db.cleanup().await;
}

async fn every_write_is_in_the_change_log_in_server_order(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let admin = hamyar_application::auth::actor_of(&w.admin);
    let patch = CenterPatch { version: 1, name: Some("مرکز الف (نو)".to_owned()), ..CenterPatch::default() };
    env.app.update_center(&admin, w.center_a.id, patch).await.unwrap();

    let log = env.db.changes_after(0, 1000).await.unwrap();
    let seqs: Vec<i64> = log.iter().map(|c| c.seq).collect();
    assert!(seqs.windows(2).all(|p| p[0] < p[1]), "sequence strictly increases: {seqs:?}");
    let center_a: Vec<_> = log.iter().filter(|c| c.entity_id == w.center_a.id).collect();
    assert_eq!(
        center_a.iter().map(|c| (c.op.as_str(), c.version)).collect::<Vec<_>>(),
        vec![("create", 1), ("update", 2)]
    );
    assert_eq!(center_a[0].actor_id, None, "created by the operator");
    assert_eq!(center_a[1].actor_id, Some(w.admin.id));
    assert_eq!(center_a[1].data["name"], "مرکز الف (نو)");
    for entity in ["headquarters", "center", "user", "family", "family_member"] {
        assert!(log.iter().any(|c| c.entity == entity), "{entity} writes are logged");
    }
    assert!(log.iter().all(|c| !c.data.to_string().contains("argon2")), "no password hash in the log");
    // Paging by sequence: nothing is skipped or repeated.
    let half = env.db.changes_after(0, 5).await.unwrap();
    let rest = env.db.changes_after(half.last().unwrap().seq, 1000).await.unwrap();
    assert_eq!(half.len() + rest.len(), log.len());
    env.finish().await;
}

async fn clients_may_choose_record_ids(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let admin = hamyar_application::auth::actor_of(&w.admin);
    let id = Uuid::now_v7();
    let input = NewCenterInput {
        id: Some(id),
        code: "offline-made".to_owned(),
        name: "مرکز".to_owned(),
        host_body: "family_circle".to_owned(),
        neighborhood: Some("٣ راه".to_owned()),
        address: None,
        opened_on: Some("۲۰۲۵-۰۳-۲۰".to_owned()),
        hq_id: None,
    };
    let center = env.app.create_center(&admin, input).await.unwrap();
    assert_eq!(center.id, id);
    let stored = env.db.get_center(id).await.unwrap().unwrap();
    assert_eq!(stored.neighborhood, "3 راه", "digits normalized");
    assert_eq!(stored.opened_on.unwrap().to_string(), "2025-03-20");
    assert_eq!(stored.meta.version, 1);
    assert!(stored.meta.deleted_at.is_none());
    env.finish().await;
}

async fn a_stale_version_never_overwrites(backend: Backend) {
    let env = Env::new(backend).await;
    let w = env.world().await;
    let current = env.db.get_center(w.center_b.id).await.unwrap().unwrap();
    let mut first = current.clone();
    first.name = "اول".to_owned();
    first.meta = current.meta.bumped(chrono::Utc::now());
    let ctx = hamyar_application::model::WriteContext { actor: None, at: chrono::Utc::now(), origin: None };
    env.db.update_center(ctx, &first).await.unwrap();
    let mut second = current.clone();
    second.name = "دوم".to_owned();
    second.meta = current.meta.bumped(chrono::Utc::now());
    let err = env.db.update_center(ctx, &second).await.unwrap_err();
    assert!(matches!(AppError::from(err), AppError::VersionConflict));
    assert_eq!(env.db.get_center(w.center_b.id).await.unwrap().unwrap().name, "اول");
    env.finish().await;
}

async fn names_sort_in_persian_alphabetical_order(backend: Backend) {
    use hamyar_application::{families::FamilySearch, ports::Scope};
    let env = Env::new(backend).await;
    let w = env.world().await;
    // Code-point order would put پ, چ, ژ and گ after every Arabic letter.
    for name in ["گلستانی", "چای", "تهران", "ژاله", "پدر", "کریمی", "محمدی", "آزاد"]
    {
        env.family(w.center_b.id, name, "علی", name).await;
    }
    let manager = hamyar_application::auth::actor_of(&w.manager_b);
    let page = env.app.search_families(&manager, FamilySearch::default()).await.unwrap();
    let listed: Vec<&str> =
        page.items.iter().map(|f| f.family.family_name.as_str()).filter(|n| !n.starts_with("خانواده")).collect();
    assert_eq!(listed, vec!["آزاد", "پدر", "تهران", "چای", "ژاله", "کریمی", "گلستانی", "محمدی"]);

    // The same order through a search (which sorts its hits itself), and
    // after an upgrade to other collation data, when start-up makes every
    // stored sort key again.
    let by_search = || async {
        let search = FamilySearch { q: Some("علي".into()), ..FamilySearch::default() };
        let page = env.app.search_families(&manager, search).await.unwrap();
        page.items
            .iter()
            .map(|f| f.family.family_name.clone())
            .filter(|n| !n.starts_with("خانواده"))
            .collect::<Vec<_>>()
    };
    assert_eq!(by_search().await, listed);
    env.db.connection().execute_unprepared("UPDATE families SET sort_key = NULL").await.unwrap();
    env.db.connection().execute_unprepared("UPDATE store_settings SET value = 'older ICU data'").await.unwrap();
    let reopened = Db::connect(env.db_url()).await.unwrap();
    let missing: Vec<_> = hamyar_storage::entity::family::Entity::find()
        .filter(hamyar_storage::entity::family::Column::SortKey.is_null())
        .all(reopened.connection())
        .await
        .unwrap();
    assert!(missing.is_empty(), "every key made again");
    reopened.close().await.unwrap();
    assert_eq!(by_search().await, listed);

    for (code, name) in [("c-1", "مرکز گلها"), ("c-2", "مرکز پونک"), ("c-3", "مرکز چیتگر")] {
        env.app.bootstrap_center(&w.hq, code, name).await.unwrap();
    }
    let centers: Vec<String> =
        env.db.list_centers(Scope::Headquarters(w.hq.id)).await.unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(centers, vec!["مرکز الف", "مرکز ب", "مرکز پونک", "مرکز چیتگر", "مرکز گلها"]);
    env.finish().await;
}
