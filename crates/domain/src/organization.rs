//! Headquarters and centers: codes, names and the kinds of local body a
//! center is set up in.

use crate::{FieldError, persian::normalize_input};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A short, stable code of a headquarters or center (e.g. `teh-12`): what the
/// CLI and imports refer to. Lowercase ASCII letters, digits, `-` and `_`,
/// 2–32 characters, starting with a letter or digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct OrgCode(String);

impl OrgCode {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let code = normalize_input(raw).to_ascii_lowercase();
        let len = code.chars().count();
        if !(2..=32).contains(&len) {
            return Err(FieldError::new("code", "length", "کد باید ۲ تا ۳۲ نویسه باشد / Code must be 2–32 characters"));
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
        let starts_well = code.starts_with(|c: char| c.is_ascii_alphanumeric());
        if !code.chars().all(allowed) || !starts_well {
            return Err(FieldError::new(
                "code",
                "format",
                "کد فقط حروف لاتین کوچک، رقم، - و _ می‌پذیرد / Code may hold only a–z, 0–9, - and _",
            ));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A human name (of a center, headquarters or person): normalized Persian
/// input, not blank, at most `max` characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name(String);

impl Name {
    pub fn parse(field: &'static str, raw: &str, max: usize) -> Result<Self, FieldError> {
        let name = normalize_input(raw);
        if name.is_empty() {
            return Err(FieldError::new(field, "required", "این بخش را پر کنید / This field is required"));
        }
        if name.chars().count() > max {
            return Err(FieldError::new(field, "too_long", format!("حداکثر {max} نویسه / At most {max} characters")));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Optional free text (address, neighborhood): normalized, bounded, may be empty.
pub fn optional_text(field: &'static str, raw: Option<&str>, max: usize) -> Result<String, FieldError> {
    let text = raw.map(normalize_input).unwrap_or_default();
    if text.chars().count() > max {
        return Err(FieldError::new(field, "too_long", format!("حداکثر {max} نویسه / At most {max} characters")));
    }
    Ok(text)
}

/// The level a headquarters coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HqLevel {
    National,
    Province,
}

impl HqLevel {
    pub fn code(self) -> &'static str {
        match self {
            HqLevel::National => "national",
            HqLevel::Province => "province",
        }
    }

    pub fn parse(code: &str) -> Result<Self, FieldError> {
        match code {
            "national" => Ok(HqLevel::National),
            "province" => Ok(HqLevel::Province),
            _ => Err(FieldError::new("level", "unknown", "سطح ستاد نامعتبر است / Unknown headquarters level")),
        }
    }
}

/// The existing local body a center is set up inside (the plan's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HostBody {
    Mosque,
    CulturalCenter,
    Charity,
    VolunteerGroup,
    FamilyCircle,
    Other,
}

impl HostBody {
    pub const ALL: [HostBody; 6] = [
        HostBody::Mosque,
        HostBody::CulturalCenter,
        HostBody::Charity,
        HostBody::VolunteerGroup,
        HostBody::FamilyCircle,
        HostBody::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            HostBody::Mosque => "mosque",
            HostBody::CulturalCenter => "cultural_center",
            HostBody::Charity => "charity",
            HostBody::VolunteerGroup => "volunteer_group",
            HostBody::FamilyCircle => "family_circle",
            HostBody::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Result<Self, FieldError> {
        HostBody::ALL
            .into_iter()
            .find(|h| h.code() == code)
            .ok_or_else(|| FieldError::new("host_body", "unknown", "نوع نهاد میزبان نامعتبر است / Unknown host body"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_lowercased_and_checked() {
        assert_eq!(OrgCode::parse(" TEH-12 ").unwrap().as_str(), "teh-12");
        assert_eq!(OrgCode::parse("۱۲ab").unwrap().as_str(), "12ab");
        assert_eq!(OrgCode::parse("a").unwrap_err().reason, "length");
        assert_eq!(OrgCode::parse("-ab").unwrap_err().reason, "format");
        assert_eq!(OrgCode::parse("مرکز").unwrap_err().reason, "format");
    }

    #[test]
    fn names_are_normalized_and_bounded() {
        assert_eq!(Name::parse("name", " مركز علي ", 50).unwrap().as_str(), "مرکز علی");
        assert_eq!(Name::parse("name", "   ", 50).unwrap_err().reason, "required");
        assert_eq!(Name::parse("name", "abcd", 3).unwrap_err().reason, "too_long");
    }

    #[test]
    fn host_bodies_round_trip() {
        for h in HostBody::ALL {
            assert_eq!(HostBody::parse(h.code()), Ok(h));
        }
        assert!(HostBody::parse("bank").is_err());
    }
}
