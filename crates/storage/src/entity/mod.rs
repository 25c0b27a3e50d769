//! SeaORM entities, one per table. They mirror the migrations; records of
//! the application layer are converted to and from them in `convert.rs`.

pub mod assessment;
pub mod assignment;
pub mod attendance;
pub mod center;
pub mod change_log;
pub mod course;
pub mod course_enrollment;
pub mod course_session;
pub mod device;
pub mod device_family;
pub mod duplicate_dismissal;
pub mod family;
pub mod family_access;
pub mod family_member;
pub mod family_source;
pub mod family_tier;
pub mod headquarters;
pub mod helper;
pub mod helper_status_change;
pub mod instrument;
pub mod program_rules;
pub mod reclassification;
pub mod session;
pub mod sync_conflict;
pub mod sync_mutation;
pub mod tier_change;
pub mod user;
