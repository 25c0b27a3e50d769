//! The binary as an operator uses it: `serve`, and the bootstrap commands.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const BIN: &str = env!("CARGO_BIN_EXE_hamyar");

/// Runs a bootstrap command in `dir`, feeding `stdin`.
fn run(dir: &Path, args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("HAMYAR_DATA_DIR")
        .env_remove("HAMYAR_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// A running `hamyar serve`, stopped with SIGTERM when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(dir: &Path, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--listen", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        let mut child = Command::new(BIN)
            .args(&args)
            .current_dir(dir)
            .env_remove("HAMYAR_DATA_DIR")
            .env_remove("HAMYAR_DATABASE_URL")
            .env("RUST_LOG", "warn")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let deadline = Instant::now() + Duration::from_secs(60);
        let addr = loop {
            assert!(Instant::now() < deadline, "server did not start");
            let line = lines.next().expect("server exited early").unwrap();
            if let Some(rest) = line.strip_prefix("Hamyar: http://") {
                break rest.trim().to_owned();
            }
        };
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    fn request(&self, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        let body = body.unwrap_or("");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.split(' ').nth(1).unwrap().parse().unwrap();
        let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
        (status, body)
    }

    /// SIGTERM, then wait: a graceful stop exits with success.
    fn stop(mut self) -> bool {
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            assert!(Instant::now() < deadline, "server did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn serve_without_flags_creates_the_data_dir_and_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    assert!(dir.path().join("hamyar-data/hamyar.db").is_file(), "./hamyar-data/hamyar.db created");
    let (status, body) = server.request("GET", "/healthz", None);
    assert_eq!(status, 200);
    assert!(body.contains("\"ok\""));
    assert!(server.stop(), "SIGTERM ends the server cleanly");
}

#[test]
fn bootstrap_commands_create_an_organization_that_can_log_in() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ok, _, err) = run(d, &["hq", "add", "--code", "tehran", "--name", "ستاد تهران"], "");
    assert!(ok, "{err}");
    let (ok, _, err) = run(d, &["center", "add", "--code", "golestan", "--name", "مرکز گلستان"], "");
    assert!(ok, "{err}");
    let (ok, out, err) = run(
        d,
        &["user", "add", "--username", "manager.g", "--role", "center_manager", "--center", "golestan"],
        "a fine long password\n",
    );
    assert!(ok, "{err}");
    assert!(out.contains("manager.g center_manager"));
    let (ok, _, err) = run(
        d,
        &["user", "add", "--username", "admin.t", "--role", "hq_admin", "--hq", "tehran"],
        "another long password\n",
    );
    assert!(ok, "{err}");

    // Mistakes are explained, and nothing is created.
    let (ok, _, err) =
        run(d, &["user", "add", "--username", "weak.one", "--role", "helper", "--center", "golestan"], "short\n");
    assert!(!ok);
    assert!(err.contains("password") && err.contains("گذرواژه"), "{err}");
    let (ok, _, err) = run(
        d,
        &["user", "add", "--username", "x.y", "--role", "emperor", "--center", "golestan"],
        "long enough pass\n",
    );
    assert!(!ok && err.contains("role"), "{err}");
    let (ok, _, err) = run(d, &["center", "add", "--code", "golestan", "--name", "دوباره"], "");
    assert!(!ok && err.contains("already"), "{err}");
    let (ok, _, err) =
        run(d, &["user", "add", "--username", "h.x", "--role", "helper", "--center", "nowhere"], "long enough pass\n");
    assert!(!ok && err.contains("Not found"), "{err}");

    // The operator resets a forgotten password.
    let (ok, _, err) = run(d, &["user", "password", "--username", "admin.t"], "a reset long password\n");
    assert!(ok, "{err}");
    let (ok, _, err) = run(d, &["user", "password", "--username", "nobody.here"], "a reset long password\n");
    assert!(!ok && err.contains("Not found"), "{err}");

    let server = Server::start(d, &[]);
    let (status, _) = server.request(
        "POST",
        "/api/v1/auth/login",
        Some(r#"{"username":"admin.t","password":"a reset long password"}"#),
    );
    assert_eq!(status, 200);
    let (status, body) = server.request(
        "POST",
        "/api/v1/auth/login",
        Some(r#"{"username":"manager.g","password":"a fine long password"}"#),
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("golestan"));
    let (status, _) =
        server.request("POST", "/api/v1/auth/login", Some(r#"{"username":"weak.one","password":"short"}"#));
    assert_eq!(status, 401);
    assert!(server.stop());
}

#[test]
fn serve_on_postgres_behaves_the_same() {
    let Some(crate::support::Backend::Postgres(admin_url)) = crate::support::Backend::postgres() else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let test_db = runtime.block_on(crate::support::TestDb::new(&crate::support::Backend::Postgres(admin_url)));
    let dir = tempfile::tempdir().unwrap();
    let url = test_db.url.clone();
    let (ok, _, err) =
        run(dir.path(), &["hq", "add", "--code", "tehran", "--name", "ستاد", "--database-url", &url], "");
    assert!(ok, "{err}");
    let (ok, _, err) = run(
        dir.path(),
        &["user", "add", "--username", "admin.t", "--role", "hq_admin", "--database-url", &url],
        "long enough pass\n",
    );
    assert!(ok, "{err}");
    let server = Server::start(dir.path(), &["--database-url", &url]);
    assert!(!dir.path().join("hamyar-data").exists(), "no SQLite file when PostgreSQL is used");
    let (status, body) =
        server.request("POST", "/api/v1/auth/login", Some(r#"{"username":"admin.t","password":"long enough pass"}"#));
    assert_eq!(status, 200, "{body}");
    assert!(server.stop());
    runtime.block_on(test_db.cleanup());
}

#[test]
fn import_families_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["hq", "add", "--code", "tehran", "--name", "ستاد تهران"], "").0);
    assert!(run(d, &["center", "add", "--code", "golestan", "--name", "مرکز گلستان"], "").0);
    let list = "household_ref,first_name,last_name,national_id,birth_date,sex,relation\n\
                H1,علي,رضايي,0499370899,۱۳۶۵/۰۴/۱۲,مرد,سرپرست\n\
                H1,زهرا,احمدی,,1403/12/30,زن,همسر\n\
                H2,حسن,کریمی,1234567890,1360/01/01,مرد,سرپرست\n";
    std::fs::write(d.join("behzisti.csv"), list).unwrap();
    let args = ["import", "families", "behzisti.csv", "--center", "golestan", "--errors", "errors.csv"];
    let mut dry: Vec<&str> = args.to_vec();
    dry.push("--dry-run");
    let (ok, out, err) = run(d, &dry, "");
    assert!(ok, "{err}");
    assert!(out.contains("dry run: families created 1, updated 0, unchanged 0; members created 2"), "{out}");
    assert!(out.contains("rejected rows 1 (families 1)"), "{out}");
    let report = std::fs::read_to_string(d.join("errors.csv")).unwrap();
    assert!(report.starts_with("\u{feff}row,column,value,reason_fa,reason_en"), "{report}");
    assert!(report.contains("4,national_id,1234567890,"), "{report}");

    let (ok, out, _) = run(d, &args, "");
    assert!(ok && out.starts_with("families created 1"), "{out}");
    let (ok, out, _) = run(d, &args, "");
    assert!(ok && out.contains("unchanged 1"), "re-import changes nothing: {out}");
    let (ok, _, err) = run(d, &["import", "families", "missing.csv", "--center", "golestan"], "");
    assert!(!ok && err.contains("missing.csv") && err.contains("خوانده"), "{err}");
}

#[test]
fn instrument_check_accepts_the_default_and_names_the_lines_of_a_broken_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let default = root.join("instruments/default.toml");
    let (ok, out, err) = run(&root, &["instrument", "check", default.to_str().unwrap()], "");
    assert!(ok, "{out}{err}");
    assert!(out.contains("hamyar-default v1"), "{out}");

    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&default).unwrap();
    // Break the first weight and the first domain.
    let broken = text.replacen("weight = ", "weight = -", 1).replacen("domain = \"", "domain = \"x", 1);
    let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let file = dir.path().join("broken.toml");
    std::fs::write(&file, &broken).unwrap();
    let (ok, _, err) = run(dir.path(), &["instrument", "check", "broken.toml"], "");
    assert!(!ok);
    assert!(err.contains(&format!("broken.toml:{}: ", line_of("weight = -"))), "{err}");
    assert!(err.contains("The weight must be above zero"), "{err}");
    assert!(err.contains(&format!("broken.toml:{}: ", line_of("domain = \"x"))), "{err}");
}
