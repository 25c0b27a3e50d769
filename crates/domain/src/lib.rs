//! Hamyar's domain layer: value types that cannot hold a bad value
//! ("parse, don't validate") and the rules over them. No I/O, no database,
//! no HTTP: every other crate depends on this one, never the reverse.

pub mod account;
pub mod assistance;
pub mod error;
pub mod family;
pub mod helper;
pub mod instrument;
pub mod jalali;
pub mod national_id;
pub mod organization;
pub mod persian;
pub mod programs;
pub mod role;
pub mod tier;

pub use error::FieldError;
