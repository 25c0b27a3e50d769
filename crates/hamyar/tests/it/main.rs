//! Hamyar's integration tests: one test binary, one module per area. Every
//! storage and API test runs on SQLite and, when
//! `HAMYAR_TEST_DATABASE_URL` is set, on PostgreSQL (each test on a
//! database of its own).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod api_auth;
mod api_errors;
mod assessments;
mod assistance;
mod assistance_storage;
mod authorization;
mod cli;
mod devices;
mod helpers;
mod import;
mod programs;
mod programs_storage;
mod registry;
mod storage;
mod sync;
