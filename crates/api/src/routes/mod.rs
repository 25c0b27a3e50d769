pub mod assessments;
pub mod auth;
pub mod families;
pub mod orgs;
pub mod users;
