//! The test harness: a fresh database per test on either backend, the
//! application on a manual clock, and a small HTTP client over the router.

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{HeaderMap, Method, Request, StatusCode, header},
};
use hamyar_api::AppState;
use hamyar_application::{
    AuthConfig, Hamyar,
    clock::ManualClock,
    families::{MemberInput, NewFamilyInput},
    model::{Center, Family, Headquarters, User},
    users::NewUserInput,
};
use hamyar_domain::{organization::HqLevel, role::Role};
use hamyar_storage::Db;
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;
use std::{net::SocketAddr, sync::Arc};
use tower::ServiceExt;
use uuid::Uuid;

pub const PASSWORD: &str = "a long test password";

#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

impl Backend {
    /// PostgreSQL, when the environment names a server to test on.
    pub fn postgres() -> Option<Backend> {
        match std::env::var("HAMYAR_TEST_DATABASE_URL") {
            Ok(url) if !url.trim().is_empty() => Some(Backend::Postgres(url)),
            _ => {
                eprintln!("HAMYAR_TEST_DATABASE_URL not set: PostgreSQL variant skipped");
                None
            }
        }
    }
}

/// Runs each named `async fn(Backend)` as two tests: `name::sqlite` and
/// `name::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => { $(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() { super::$name($crate::support::Backend::Sqlite).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(backend) = $crate::support::Backend::postgres() { super::$name(backend).await }
            }
        }
    )* };
}

/// A database of its own for one test.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    drop_pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn new(backend: &Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = hamyar_storage::sqlite_url_for_dir(dir.path());
                TestDb { url, _dir: Some(dir), drop_pg: None }
            }
            Backend::Postgres(admin_url) => {
                let name = format!("hamyar_t_{}", Uuid::now_v7().simple());
                let admin = Database::connect(admin_url.as_str()).await.expect("PostgreSQL test server reachable");
                sweep_stale_databases(&admin).await;
                admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
                admin.close().await.unwrap();
                let (base, query) = match admin_url.split_once('?') {
                    Some((b, q)) => (b, format!("?{q}")),
                    None => (admin_url.as_str(), String::new()),
                };
                let (server, _) = base.rsplit_once('/').unwrap();
                let url = format!("{server}/{name}{query}");
                TestDb { url, _dir: None, drop_pg: Some((admin_url.clone(), name)) }
            }
        }
    }

    pub async fn cleanup(self) {
        if let Some((admin_url, name)) = &self.drop_pg {
            let admin = Database::connect(admin_url.as_str()).await.unwrap();
            admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.unwrap();
            admin.close().await.unwrap();
        }
    }
}

/// The organization every authorization test starts from: one headquarters
/// with centers A and B, each with a manager and a helper, plus a second
/// headquarters with its own admin and center.
pub struct World {
    pub hq: Headquarters,
    pub center_a: Center,
    pub center_b: Center,
    pub other_hq: Headquarters,
    pub other_center: Center,
    pub admin: User,
    pub manager_a: User,
    pub helper_a: User,
    pub manager_b: User,
    pub helper_b: User,
    pub other_admin: User,
}

pub struct Env {
    pub app: Arc<Hamyar>,
    pub db: Db,
    pub clock: Arc<ManualClock>,
    pub router: Router,
    test_db: TestDb,
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Response {
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }

    /// The session cookie this response sets, as `name=value`.
    pub fn cookie(&self) -> String {
        let set = self.headers.get(header::SET_COOKIE).expect("a Set-Cookie header").to_str().unwrap();
        set.split(';').next().unwrap().to_owned()
    }
}

impl Env {
    pub async fn new(backend: Backend) -> Env {
        Self::with_config(backend, AuthConfig::default()).await
    }

    pub async fn with_config(backend: Backend, config: AuthConfig) -> Env {
        let test_db = TestDb::new(&backend).await;
        let db = Db::connect(&test_db.url).await.unwrap();
        let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
        let app = Arc::new(Hamyar::with(Arc::new(db.clone()), clock.clone(), config));
        let router = hamyar_api::router(AppState { app: app.clone(), secure_cookies: false });
        Env { app, db, clock, router, test_db }
    }

    /// The database's URL, to open it a second time.
    pub fn db_url(&self) -> &str {
        &self.test_db.url
    }

    pub async fn finish(self) {
        drop(self.router);
        drop(self.app);
        self.db.close().await.unwrap();
        self.test_db.cleanup().await;
    }

    pub async fn user(&self, username: &str, role: Role, hq: Option<Uuid>, center: Option<Uuid>) -> User {
        self.app
            .bootstrap_user(NewUserInput {
                id: None,
                username: username.to_owned(),
                display_name: format!("کاربر {username}"),
                role,
                password: PASSWORD.to_owned(),
                center_id: center,
                hq_id: hq,
            })
            .await
            .unwrap()
    }

    /// Registers a family with just its head, as the operator.
    pub async fn family(&self, center_id: Uuid, family_name: &str, first: &str, last: &str) -> Family {
        let input = NewFamilyInput {
            family_name: Some(family_name.to_owned()),
            neighborhood: Some("محله".to_owned()),
            head: MemberInput {
                first_name: Some(first.to_owned()),
                last_name: Some(last.to_owned()),
                sex: Some("male".to_owned()),
                ..MemberInput::default()
            },
            ..NewFamilyInput::default()
        };
        self.app.bootstrap_family(center_id, input, Vec::new()).await.unwrap().family
    }

    pub async fn world(&self) -> World {
        let hq = self.app.bootstrap_headquarters("tehran", "ستاد تهران", HqLevel::Province).await.unwrap();
        let center_a = self.app.bootstrap_center(&hq, "center-a", "مرکز الف").await.unwrap();
        let center_b = self.app.bootstrap_center(&hq, "center-b", "مرکز ب").await.unwrap();
        let other_hq = self.app.bootstrap_headquarters("qom", "ستاد قم", HqLevel::Province).await.unwrap();
        let other_center = self.app.bootstrap_center(&other_hq, "qom-1", "مرکز قم").await.unwrap();
        for (center, name) in [(&center_a, "الف"), (&center_b, "ب"), (&other_center, "قم")] {
            self.family(center.id, &format!("خانوادهٔ {name}"), "علی", name).await;
        }
        World {
            admin: self.user("admin", Role::HqAdmin, Some(hq.id), None).await,
            manager_a: self.user("manager.a", Role::CenterManager, None, Some(center_a.id)).await,
            helper_a: self.user("helper.a", Role::Helper, None, Some(center_a.id)).await,
            manager_b: self.user("manager.b", Role::CenterManager, None, Some(center_b.id)).await,
            helper_b: self.user("helper.b", Role::Helper, None, Some(center_b.id)).await,
            other_admin: self.user("admin.qom", Role::HqAdmin, Some(other_hq.id), None).await,
            hq,
            center_a,
            center_b,
            other_hq,
            other_center,
        }
    }

    /// Sends a request through the whole router (middleware included).
    pub async fn send(&self, method: Method, path: &str, cookie: Option<&str>, body: Option<Value>) -> Response {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        let body = match body {
            Some(v) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        self.raw(builder.body(body).unwrap(), "10.0.0.1").await
    }

    /// Sends a prepared request as if from `address`.
    pub async fn raw(&self, mut request: Request<Body>, address: &str) -> Response {
        let addr: SocketAddr = format!("{address}:40000").parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(addr));
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::Null) };
        Response { status, headers, body }
    }

    pub async fn get(&self, path: &str, cookie: &str) -> Response {
        self.send(Method::GET, path, Some(cookie), None).await
    }

    pub async fn post(&self, path: &str, cookie: &str, body: Value) -> Response {
        self.send(Method::POST, path, Some(cookie), Some(body)).await
    }

    pub async fn patch(&self, path: &str, cookie: &str, body: Value) -> Response {
        self.send(Method::PATCH, path, Some(cookie), Some(body)).await
    }

    pub async fn try_login(&self, username: &str, password: &str) -> Response {
        let body = serde_json::json!({ "username": username, "password": password });
        self.send(Method::POST, "/api/v1/auth/login", None, Some(body)).await
    }

    /// Logs in and returns the cookie to send.
    pub async fn login(&self, username: &str) -> String {
        let response = self.try_login(username, PASSWORD).await;
        assert_eq!(response.status, StatusCode::OK, "login of {username}: {:?}", response.body);
        response.cookie()
    }
}

/// A failed test leaves its database behind. Their names are UUIDv7s, which
/// carry their creation time: once per test run, drop those over an hour old
/// (never a database a test running now could be using).
async fn sweep_stale_databases(admin: &sea_orm::DatabaseConnection) {
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if SWEPT.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let rows = admin
        .query_all_raw(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'hamyar_t_%'",
        ))
        .await
        .unwrap();
    let hour_ago = chrono::Utc::now().timestamp_millis() - 3_600_000;
    for row in rows {
        let name: String = row.try_get("", "datname").unwrap();
        let created_ms = Uuid::parse_str(name.trim_start_matches("hamyar_t_"))
            .ok()
            .and_then(|id| id.get_timestamp())
            .map(|ts| ts.to_unix().0 as i64 * 1000);
        if created_ms.is_some_and(|ms| ms < hour_ago) {
            let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
        }
    }
}
