//! Hamyar's storage: SeaORM over SQLite (default, embedded) or PostgreSQL,
//! chosen at run time from the URL, with one code path for both. Every
//! write to a user-editable table goes through a transaction that also
//! appends to the change log.

mod assessments;
mod assistance;
mod convert;
mod devices;
pub mod entity;
mod helpers;
pub mod migrate;
mod programs;
mod stores;
mod sync;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::{path::Path, time::Duration};

/// A connected, migrated database.
#[derive(Clone)]
pub struct Db {
    conn: DatabaseConnection,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("پایگاه داده در دسترس نیست / cannot open the database: {0}")]
    Open(#[source] DbErr),
    #[error("مهاجرت پایگاه داده شکست خورد / database migration failed: {0}")]
    Migrate(#[source] DbErr),
    #[error(
        "نشانی پایگاه داده پشتیبانی نمی‌شود (sqlite:// یا postgres://) / unsupported database URL (use sqlite:// or postgres://): {0}"
    )]
    UnsupportedUrl(String),
}

/// The SQLite URL of the default database file in a data directory.
pub fn sqlite_url_for_dir(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("hamyar.db").display())
}

impl Db {
    /// A write transaction. On SQLite it takes the write lock at `BEGIN`
    /// (IMMEDIATE): a transaction that reads and then writes would
    /// otherwise fail at once with "database is locked" when another writer
    /// committed in between — the busy timeout does not cover that case.
    pub(crate) async fn write_txn(&self) -> hamyar_application::ports::StoreResult<sea_orm::DatabaseTransaction> {
        use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        let txn = self.conn.begin_with_options(options).await.map_err(stores::backend)?;
        // PostgreSQL hands out change-log sequence numbers at insert, so two
        // writers could commit them out of order, and a pull reading up to
        // the larger one would step over the smaller one for good. Writers
        // take turns (as on SQLite) so the log's order is its commit order.
        if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
            use sea_orm::ConnectionTrait;
            txn.execute_unprepared("SELECT pg_advisory_xact_lock(7107140001)").await.map_err(stores::backend)?;
        }
        Ok(txn)
    }

    /// Opens the database at `url` and brings its schema up to date.
    pub async fn connect(url: &str) -> Result<Self, ConnectError> {
        let mut options = ConnectOptions::new(url.to_owned());
        options.sqlx_logging(false).acquire_timeout(Duration::from_secs(10));
        if url.starts_with("sqlite:") {
            // WAL lets readers proceed while one writer writes; the busy
            // timeout makes a second writer wait instead of failing.
            options.max_connections(8).map_sqlx_sqlite_opts(|o| {
                o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    // A registry of a million people is a database of 1–2 GB:
                    // read it through a memory map that every connection
                    // shares (no copy per read). The page cache, up to 256
                    // MiB instead of 2 MiB, then mostly holds the pages a
                    // large write changes (bulk imports; see bench/).
                    .pragma("cache_size", "-262144")
                    .pragma("mmap_size", "2147418112")
                    // `optimize` (see `Db::optimize`) samples instead of
                    // reading whole tables.
                    .pragma("analysis_limit", "1000")
                    .create_if_missing(true)
                    // Names sort in Persian alphabetical order (see `persian_order`).
                    .collation("fa", hamyar_domain::persian::compare)
            });
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            options.max_connections(16);
        } else {
            return Err(ConnectError::UnsupportedUrl(url.to_owned()));
        }
        let conn = Database::connect(options).await.map_err(ConnectError::Open)?;
        migrate::run(&conn).await.map_err(ConnectError::Migrate)?;
        migrate::refresh_sort_keys(&conn).await.map_err(ConnectError::Migrate)?;
        Ok(Self { conn })
    }

    /// Refreshes the query planner's statistics where tables grew or shrank
    /// a lot (SQLite's `PRAGMA optimize`, bounded by `analysis_limit`; on
    /// PostgreSQL autovacuum does this, so it is a no-op there). Without
    /// them SQLite may scan a whole center's families for a search that
    /// matches a few.
    pub async fn optimize(&self) -> Result<(), DbErr> {
        if self.backend() == DbBackend::Sqlite {
            self.conn.execute_unprepared("PRAGMA optimize=0x10002").await?;
        }
        Ok(())
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    pub fn connection(&self) -> &DatabaseConnection {
        &self.conn
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }
}
