//! The registry's vocabularies: housing, status, sex, relation, marital
//! status — each a closed set with stable codes — and phone numbers.

use crate::{FieldError, persian::normalize_digits};

/// Declares a closed vocabulary: an enum whose values have stable codes,
/// parsed with a field error naming `$field`.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident, $field:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Result<Self, FieldError> {
                let code = code.trim();
                Self::ALL.iter().copied().find(|v| v.code() == code).ok_or_else(|| {
                    FieldError::new($field, "unknown", format!("مقدار نامعتبر / Unknown value: {code}"))
                })
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// Where the household lives.
    Housing, "housing", {
        Owned => "owned", Rented => "rented", WithRelatives => "with_relatives", Other => "other", Unknown => "unknown",
    }
);

vocabulary!(
    /// Whether the center still works with the family.
    FamilyStatus, "status", { Active => "active", MovedAway => "moved_away", Closed => "closed" }
);

vocabulary!(Sex, "sex", { Female => "female", Male => "male" });

vocabulary!(
    /// A member's relation to the head of the household.
    Relation, "relation", {
        Head => "head", Spouse => "spouse", Child => "child", Parent => "parent", Sibling => "sibling",
        Grandchild => "grandchild", Other => "other",
    }
);

vocabulary!(
    MaritalStatus, "marital_status", {
        Single => "single", Married => "married", Divorced => "divorced", Widowed => "widowed", Unknown => "unknown",
    }
);

/// A phone number as digits (and a leading `+`), whatever digits and
/// separators it was typed with: «۰۹۱۲ ۳۴۵-۶۷۸۹» → `09123456789`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let ascii = normalize_digits(raw.trim());
        let plus = ascii.starts_with('+');
        let digits: String = ascii.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.' | '+')).collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(FieldError::new(
                field,
                "format",
                "شماره تلفن فقط رقم می‌پذیرد / A phone number holds only digits",
            ));
        }
        if !(4..=15).contains(&digits.len()) {
            return Err(FieldError::new(
                field,
                "length",
                "شماره تلفن ۴ تا ۱۵ رقم است / A phone number has 4–15 digits",
            ));
        }
        Ok(Self(if plus { format!("+{digits}") } else { digits }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip_and_name_their_field() {
        for r in Relation::ALL {
            assert_eq!(Relation::parse(r.code()), Ok(*r));
        }
        let err = Housing::parse("palace").unwrap_err();
        assert_eq!((err.field, err.reason), ("housing", "unknown"));
        assert_eq!(MaritalStatus::parse(" married ").unwrap(), MaritalStatus::Married);
    }

    #[test]
    fn phones_are_digits_whatever_was_typed() {
        assert_eq!(Phone::parse("mobile", "۰۹۱۲ ۳۴۵-۶۷۸۹").unwrap().as_str(), "09123456789");
        assert_eq!(Phone::parse("mobile", "+98 (912) 345 6789").unwrap().as_str(), "+989123456789");
        assert_eq!(Phone::parse("mobile", "0912abc").unwrap_err().reason, "format");
        assert_eq!(Phone::parse("mobile", "12").unwrap_err().reason, "length");
    }
}
