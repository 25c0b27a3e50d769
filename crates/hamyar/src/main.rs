//! `hamyar`: the server, the operator's command line and the web app, in
//! one binary.

use clap::{Args, Parser, Subcommand};
use hamyar::{RunError, ServeConfig, StorageConfig, demo, init_logging, run_server, serve};
use hamyar_application::users::NewUserInput;
use hamyar_domain::{organization::HqLevel, role::Role};
use std::{io::BufRead, path::PathBuf, process::ExitCode};

/// glibc's allocator fragments under large imports (ADR 0002).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "hamyar", version, about = "همیار — case management for local family assistance centers")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct StorageArgs {
    /// Data directory (the SQLite database lives here).
    #[arg(long, env = "HAMYAR_DATA_DIR", default_value = "./hamyar-data")]
    data_dir: PathBuf,
    /// Database URL: postgres://… for PostgreSQL; default SQLite in the data directory.
    #[arg(long, env = "HAMYAR_DATABASE_URL")]
    database_url: Option<String>,
}

impl StorageArgs {
    fn config(&self) -> StorageConfig {
        StorageConfig { data_dir: self.data_dir.clone(), database_url: self.database_url.clone() }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the server.
    Serve {
        #[command(flatten)]
        storage: StorageArgs,
        /// Address to listen on.
        #[arg(long, env = "HAMYAR_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Mark the session cookie Secure (set when served over HTTPS).
        #[arg(long, env = "HAMYAR_SECURE_COOKIES")]
        secure_cookies: bool,
    },
    /// Start a server on a fresh demo data directory with demo data.
    Demo {
        #[arg(long, env = "HAMYAR_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Headquarters.
    Hq {
        #[command(subcommand)]
        action: HqAction,
    },
    /// Centers.
    Center {
        #[command(subcommand)]
        action: CenterAction,
    },
    /// Users (the password is read from standard input).
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Import family lists.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export a center's registry.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Assessment instruments (see docs/instruments.md).
    Instrument {
        #[command(subcommand)]
        action: InstrumentAction,
    },
    /// Print the OpenAPI document.
    Openapi,
}

#[derive(Subcommand)]
enum InstrumentAction {
    /// Check an instrument file: every problem, with its line.
    Check { file: PathBuf },
    /// Publish an instrument file as a new version for a headquarters.
    Publish {
        file: PathBuf,
        /// Headquarters code (default: the only one).
        #[arg(long)]
        hq: Option<String>,
        #[command(flatten)]
        storage: StorageArgs,
    },
    /// Re-score every assessed family of a headquarters with its current
    /// instrument: a preview, or with --apply the real thing.
    Reclassify {
        /// Headquarters code (default: the only one).
        #[arg(long)]
        hq: Option<String>,
        #[arg(long)]
        apply: bool,
        #[command(flatten)]
        storage: StorageArgs,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// Every family and member of a center: one row per person, Persian
    /// headers, Solar Hijri dates.
    Families {
        /// Center code.
        #[arg(long)]
        center: String,
        /// csv or xlsx.
        #[arg(long, default_value = "xlsx")]
        format: String,
        #[arg(long)]
        output: PathBuf,
        #[command(flatten)]
        storage: StorageArgs,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Import a CSV or XLSX list of people into a center's registry: one row
    /// per person, grouped into families by household reference.
    Families {
        /// The CSV or XLSX file.
        file: PathBuf,
        /// Center code.
        #[arg(long)]
        center: String,
        /// Who reported the list (e.g. «بهزیستی»); with the household reference
        /// it identifies a family on re-import. Default: the file's name.
        #[arg(long)]
        source: Option<String>,
        /// Check everything, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Write the per-row error report (CSV) here.
        #[arg(long, value_name = "OUT.csv")]
        errors: Option<PathBuf>,
        #[command(flatten)]
        storage: StorageArgs,
    },
}

#[derive(Subcommand)]
enum HqAction {
    /// Register a headquarters.
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// `province` or `national`.
        #[arg(long, default_value = "province")]
        level: String,
        #[command(flatten)]
        storage: StorageArgs,
    },
}

#[derive(Subcommand)]
enum CenterAction {
    /// Register a center under a headquarters.
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// Headquarters code (may be left out when there is only one).
        #[arg(long)]
        hq: Option<String>,
        #[command(flatten)]
        storage: StorageArgs,
    },
}

#[derive(Subcommand)]
enum UserAction {
    /// Create a user; reads the password from standard input.
    Add {
        #[arg(long)]
        username: String,
        /// hq_admin, center_manager, helper, specialist, commission_member or trainer.
        #[arg(long)]
        role: String,
        /// Display name (defaults to the username).
        #[arg(long)]
        name: Option<String>,
        /// Headquarters code, for headquarters-level users.
        #[arg(long, conflicts_with = "center")]
        hq: Option<String>,
        /// Center code, for center-level users.
        #[arg(long)]
        center: Option<String>,
        #[command(flatten)]
        storage: StorageArgs,
    },
    /// Set a user's password (reads it from standard input); ends their sessions.
    Password {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        storage: StorageArgs,
    },
}

fn read_password() -> Result<String, RunError> {
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprint!("گذرواژه / Password: ");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn run(cli: Cli) -> Result<(), RunError> {
    match cli.command {
        Command::Serve { storage, listen, secure_cookies } => {
            let config = ServeConfig { storage: storage.config(), listen, secure_cookies };
            serve(config, |addr| eprintln!("Hamyar: http://{addr}")).await
        }
        Command::Demo { listen } => {
            let dir = std::env::temp_dir().join(format!("hamyar-demo-{}", std::process::id()));
            let storage = StorageConfig { data_dir: dir.clone(), database_url: None };
            let (db, app) = storage.open().await?;
            let logins = demo::seed(&app).await?;
            let result = run_server(db, app, &listen, false, |addr| {
                println!("\nهمیار — نسخهٔ نمایشی / Hamyar demo: http://{addr}");
                println!("data: {}", dir.display());
                println!("password for every login / گذرواژهٔ همه: {}\n", demo::DEMO_PASSWORD);
                for l in logins {
                    println!("  {:<18} {:<18} {}", l.username, l.role.code(), l.display_name);
                }
                println!();
            })
            .await;
            let _ = std::fs::remove_dir_all(&dir);
            result
        }
        Command::Hq { action: HqAction::Add { code, name, level, storage } } => {
            let level = HqLevel::parse(&level).map_err(hamyar_application::AppError::from)?;
            let (_, app) = storage.config().open().await?;
            let hq = app.bootstrap_headquarters(&code, &name, level).await?;
            println!("{} {}", hq.id, hq.code);
            Ok(())
        }
        Command::Center { action: CenterAction::Add { code, name, hq, storage } } => {
            let (_, app) = storage.config().open().await?;
            let hq = app.resolve_headquarters(hq.as_deref()).await?;
            let center = app.bootstrap_center(&hq, &code, &name).await?;
            println!("{} {}", center.id, center.code);
            Ok(())
        }
        Command::User { action: UserAction::Add { username, role, name, hq, center, storage } } => {
            let role: Role = role.parse().map_err(|e: hamyar_domain::role::UnknownRole| {
                hamyar_application::AppError::Validation(hamyar_domain::FieldError::new(
                    "role",
                    "unknown",
                    e.to_string(),
                ))
            })?;
            let password = read_password()?;
            let (_, app) = storage.config().open().await?;
            let center_id = match center {
                Some(code) => Some(app.find_center_by_code(&code).await?.id),
                None => None,
            };
            let hq_id = match (hq, center_id) {
                (Some(code), _) => Some(app.resolve_headquarters(Some(&code)).await?.id),
                (None, None) if role.scope_kind() != hamyar_domain::role::ScopeKind::Center => {
                    Some(app.resolve_headquarters(None).await?.id)
                }
                _ => None,
            };
            let user = app
                .bootstrap_user(NewUserInput {
                    id: None,
                    display_name: name.unwrap_or_else(|| username.clone()),
                    username,
                    role,
                    password,
                    center_id,
                    hq_id,
                })
                .await?;
            println!("{} {} {}", user.id, user.username, user.role);
            Ok(())
        }
        Command::User { action: UserAction::Password { username, storage } } => {
            let password = read_password()?;
            let (_, app) = storage.config().open().await?;
            let user = app.bootstrap_set_password(&username, &password).await?;
            println!("{} {}", user.id, user.username);
            Ok(())
        }
        Command::Import { what: ImportWhat::Families { file, center, source, dry_run, errors, storage } } => {
            let bytes = std::fs::read(&file).map_err(|source| RunError::File { path: file.clone(), source })?;
            let table = hamyar_application::import::read_table(&bytes)?;
            let source = source.unwrap_or_else(|| {
                file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "import".to_owned())
            });
            let (_, app) = storage.config().open().await?;
            let center = app.find_center_by_code(&center).await?;
            let summary = app
                .import_families(None, center.id, &source, table, dry_run, |done, total| {
                    eprintln!("{done}/{total}");
                })
                .await?;
            if let Some(path) = errors {
                std::fs::write(&path, summary.errors_csv()?)
                    .map_err(|source| RunError::File { path: path.clone(), source })?;
            }
            println!("{}", summary.line());
            Ok(())
        }
        Command::Export { what: ExportWhat::Families { center, format, output, storage } } => {
            let format = hamyar_application::export::ExportFormat::parse(&format)?;
            let (_, app) = storage.config().open().await?;
            let center = app.find_center_by_code(&center).await?;
            let bytes = app.export_families(None, center.id, format).await?;
            std::fs::write(&output, bytes).map_err(|source| RunError::File { path: output.clone(), source })?;
            println!("{}", output.display());
            Ok(())
        }
        Command::Instrument { action: InstrumentAction::Check { file } } => {
            let text =
                std::fs::read_to_string(&file).map_err(|source| RunError::File { path: file.clone(), source })?;
            let instrument = hamyar_domain::instrument::Instrument::parse(&text)
                .map_err(|errors| RunError::Instrument { path: file.clone(), errors })?;
            let count = |d: hamyar_domain::tier::AssessmentDomain| {
                instrument.indicators.iter().filter(|i| i.domain == d).count()
            };
            println!(
                "درست است / OK: {} v{} — {} نماگر / indicators (social {}, economic {}, cultural {})",
                instrument.code,
                instrument.version,
                instrument.indicators.len(),
                count(hamyar_domain::tier::AssessmentDomain::Social),
                count(hamyar_domain::tier::AssessmentDomain::Economic),
                count(hamyar_domain::tier::AssessmentDomain::Cultural),
            );
            Ok(())
        }
        Command::Instrument { action: InstrumentAction::Publish { file, hq, storage } } => {
            let text =
                std::fs::read_to_string(&file).map_err(|source| RunError::File { path: file.clone(), source })?;
            if let Err(errors) = hamyar_domain::instrument::Instrument::parse(&text) {
                return Err(RunError::Instrument { path: file.clone(), errors });
            }
            let (_, app) = storage.config().open().await?;
            let hq = app.resolve_headquarters(hq.as_deref()).await?;
            let record = app.publish_instrument(None, hq.id, &text).await?;
            println!("{} {} v{}", record.id, record.code, record.instrument_version);
            Ok(())
        }
        Command::Instrument { action: InstrumentAction::Reclassify { hq, apply, storage } } => {
            let (_, app) = storage.config().open().await?;
            let hq = app.resolve_headquarters(hq.as_deref()).await?;
            let current = app.current_instrument_for(hq.id).await?;
            let (summary, _) = app.reclassify(None, hq.id, current.id, apply).await?;
            println!(
                "{}: {} v{} — {} خانواده سنجیده شد / families scored, {} تغییر سطح / change tier, {} بی‌سطح / unscorable",
                if apply { "اعمال شد / applied" } else { "پیش‌نمایش / preview" },
                current.code,
                current.instrument_version,
                summary.families_scored,
                summary.families_changed,
                summary.families_unscorable,
            );
            for (from, to, n) in &summary.transitions {
                println!("  {from} → {to}: {n}");
            }
            Ok(())
        }
        Command::Openapi => {
            let json = hamyar_api::openapi_json().map_err(|e| hamyar_application::AppError::Internal(e.to_string()))?;
            println!("{json}");
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match &e {
                RunError::App(app) => match app.field() {
                    Some(field) => eprintln!("خطا / error ({field}): {e}"),
                    None => eprintln!("خطا / error: {e}"),
                },
                _ => eprintln!("خطا / error: {e}"),
            }
            ExitCode::FAILURE
        }
    }
}
