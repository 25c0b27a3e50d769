//! Hamyar's application layer: the use cases a person can perform, each of
//! which asks the one authorization [`policy`] before touching data, and the
//! [`ports`] through which storage is reached. No SQL, no HTTP here.

pub mod actor;
pub mod assessments;
pub mod assistance;
pub mod auth;
pub mod caseloads;
pub mod clock;
pub mod commissions;
pub mod duplicates;
pub mod error;
pub mod export;
pub mod families;
pub mod helpers;
pub mod import;
pub mod model;
mod model_assistance;
mod model_programs;
pub mod orgs;
pub mod outcomes;
pub mod policy;
pub mod ports;
pub mod programs;
pub mod referrals;
pub mod resources;
pub mod service;
pub mod sync;
pub mod sync_pull;
pub mod sync_push;
pub mod throttle;
pub mod training;
pub mod users;

pub use actor::Actor;
pub use error::AppError;
pub use service::{AuthConfig, Hamyar};
