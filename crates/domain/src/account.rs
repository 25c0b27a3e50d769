//! Account values: usernames and the password policy.

use crate::{FieldError, persian::normalize_digits};
use serde::Serialize;
use std::fmt;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A login name: lowercase ASCII letters, digits, `.`, `_`, `-`; 3–64
/// characters; starts with a letter. ASCII keeps logins typeable on any
/// keyboard layout a helper's phone may be set to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let name = normalize_digits(raw.trim()).to_ascii_lowercase();
        let len = name.chars().count();
        if !(3..=64).contains(&len) {
            return Err(FieldError::new(
                "username",
                "length",
                "نام کاربری باید ۳ تا ۶۴ نویسه باشد / Username must be 3–64 characters",
            ));
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
        if !name.chars().all(allowed) || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err(FieldError::new(
                "username",
                "format",
                "نام کاربری با حرف لاتین شروع شود و فقط a–z، رقم، . _ - داشته باشد / Username must start with a letter and hold only a–z, 0–9, . _ -",
            ));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password that meets the policy, ready to be hashed. Never serialized,
/// never printed.
pub struct NewPassword(String);

impl NewPassword {
    /// Length is what protects against guessing; composition rules only
    /// make people write passwords down. Digits are normalized so a password
    /// typed with a Persian keyboard still works from an English one.
    pub fn parse(field: &'static str, raw: &str, username: &Username) -> Result<Self, FieldError> {
        let password = normalize_digits(raw);
        let len = password.chars().count();
        if len < MIN_PASSWORD_CHARS {
            return Err(FieldError::new(
                field,
                "too_short",
                format!(
                    "گذرواژه باید دست‌کم {MIN_PASSWORD_CHARS} نویسه باشد / Password must be at least {MIN_PASSWORD_CHARS} characters"
                ),
            ));
        }
        if len > MAX_PASSWORD_CHARS {
            return Err(FieldError::new(field, "too_long", "گذرواژه بیش از اندازه بلند است / Password is too long"));
        }
        if password.to_lowercase().contains(username.as_str()) {
            return Err(FieldError::new(
                field,
                "contains_username",
                "گذرواژه نباید نام کاربری را در خود داشته باشد / Password must not contain the username",
            ));
        }
        Ok(Self(password))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// A password as typed at login: only digit-normalized, so that the same
/// password typed on a Persian keyboard matches.
pub fn normalize_login_password(raw: &str) -> String {
    normalize_digits(raw)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(Username::parse(" Ali.Rezaei ").unwrap().as_str(), "ali.rezaei");
        assert_eq!(Username::parse("ab").unwrap_err().reason, "length");
        assert_eq!(Username::parse("1ali").unwrap_err().reason, "format");
        assert_eq!(Username::parse("علی").unwrap_err().reason, "format");
        assert_eq!(Username::parse("ali rezaei").unwrap_err().reason, "format");
    }

    #[test]
    fn password_policy() {
        let user = Username::parse("maryam").unwrap();
        assert_eq!(NewPassword::parse("p", "short", &user).unwrap_err().reason, "too_short");
        assert_eq!(NewPassword::parse("p", "xxMaryam-2024", &user).unwrap_err().reason, "contains_username");
        assert!(NewPassword::parse("p", "correct horse battery", &user).is_ok());
        // Persian digits become ASCII, so both keyboards give the same password.
        assert_eq!(NewPassword::parse("p", "رمز۱۲۳۴۵۶۷۸", &user).unwrap().expose(), "رمز12345678");
    }
}
