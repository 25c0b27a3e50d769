pub mod assessments;
pub mod auth;
pub mod families;
pub mod helpers;
pub mod orgs;
pub mod sync;
pub mod training;
pub mod users;
