use std::fmt;

/// A value that failed to parse: which field, and a stable reason code the
/// web app translates. The message is Persian first, English second.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FieldError {
    pub field: &'static str,
    pub reason: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, reason: &'static str, message: impl Into<String>) -> Self {
        Self { field, reason, message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
