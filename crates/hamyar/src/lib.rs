//! The `hamyar` binary's library half: configuration, wiring the layers
//! together, the server loop, and the demo. `main.rs` only parses the
//! command line and calls in here.

pub mod demo;

use hamyar_api::AppState;
use hamyar_application::Hamyar;
use hamyar_storage::Db;
use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

/// Where the data lives.
#[derive(Debug, Clone)]
pub struct StorageConfig {
    pub data_dir: PathBuf,
    /// `postgres://…` or `sqlite://…`; default: `hamyar.db` in `data_dir`.
    pub database_url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{0}")]
    Connect(#[from] hamyar_storage::ConnectError),
    #[error("پوشهٔ داده ساخته نشد / cannot create the data directory {path}: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error("نشانی {addr} در دسترس نیست / cannot listen on {addr}: {source}")]
    Listen { addr: String, source: std::io::Error },
    #[error("{0}")]
    App(#[from] hamyar_application::AppError),
    #[error("فایل {path} خوانده یا نوشته نشد / cannot read or write {path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{}", instrument_report(path, errors))]
    Instrument { path: PathBuf, errors: Vec<hamyar_domain::instrument::InstrumentError> },
}

/// One line per problem, as compilers write them: `file:line: message`.
fn instrument_report(path: &Path, errors: &[hamyar_domain::instrument::InstrumentError]) -> String {
    let mut out = format!("{} مشکل در ابزار / problems in the instrument:", errors.len());
    for e in errors {
        out.push_str(&format!("\n{}:{}: {} / {}", path.display(), e.line, e.message_fa, e.message_en));
    }
    out
}

impl StorageConfig {
    /// The database URL to use, creating the data directory for SQLite.
    pub fn resolve_url(&self) -> Result<String, RunError> {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => Ok(url.trim().to_owned()),
            _ => {
                create_dir(&self.data_dir)?;
                Ok(hamyar_storage::sqlite_url_for_dir(&self.data_dir))
            }
        }
    }

    /// Opens (and migrates) the database and builds the application on it.
    pub async fn open(&self) -> Result<(Db, Arc<Hamyar>), RunError> {
        let db = Db::connect(&self.resolve_url()?).await?;
        let app = Arc::new(Hamyar::new(Arc::new(db.clone())));
        Ok((db, app))
    }
}

fn create_dir(path: &Path) -> Result<(), RunError> {
    std::fs::create_dir_all(path).map_err(|source| RunError::DataDir { path: path.to_owned(), source })
}

pub struct ServeConfig {
    pub storage: StorageConfig,
    pub listen: String,
    pub secure_cookies: bool,
}

/// Runs the server until SIGTERM or Ctrl-C, then finishes the requests in
/// flight and closes the database.
pub async fn serve(config: ServeConfig, on_ready: impl FnOnce(SocketAddr)) -> Result<(), RunError> {
    let (db, app) = config.storage.open().await?;
    run_server(db, app, &config.listen, config.secure_cookies, on_ready).await
}

pub async fn run_server(
    db: Db,
    app: Arc<Hamyar>,
    listen: &str,
    secure_cookies: bool,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), RunError> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|source| RunError::Listen { addr: listen.to_owned(), source })?;
    let addr = listener.local_addr()?;
    let housekeeping = tokio::spawn(housekeeping(app.clone()));
    let router = hamyar_api::router(AppState { app, secure_cookies });
    tracing::info!(%addr, "hamyar listening");
    on_ready(addr);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    housekeeping.abort();
    if let Err(e) = db.close().await {
        tracing::warn!(error = %e, "closing the database");
    }
    tracing::info!("hamyar stopped");
    Ok(())
}

/// Hourly: removes sessions past their absolute expiry and refreshes the
/// query planner's statistics.
async fn housekeeping(app: Arc<Hamyar>) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        if let Err(e) = app.store().refresh_statistics().await {
            tracing::warn!(error = %e, "refreshing statistics");
        }
        match app.store().delete_sessions_expired_before(chrono::Utc::now()).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "session housekeeping"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Logs: human-readable by default, JSON lines with `HAMYAR_LOG_FORMAT=json`;
/// the level from `RUST_LOG` (default `info`).
pub fn init_logging() {
    use tracing_subscriber::{EnvFilter, fmt};
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = std::env::var("HAMYAR_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    if json {
        let _ = fmt().with_env_filter(filter).json().with_writer(std::io::stderr).try_init();
    } else {
        let _ = fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
    }
}
