//! Persian text normalization.
//!
//! The same Persian word reaches us in several byte forms: Arabic keyboards
//! type ي and ك where Persian ones type ی and ک, phones type ۰–۹ or ٠–٩,
//! people write «می‌روم» with a ZWNJ, a space or nothing, and text pasted
//! from documents carries tatweel, diacritics and invisible bidi marks.
//! A search that compares raw strings misses most of these, so every stored
//! search key and every query goes through the same functions here.
//!
//! Three levels, from least to most destructive:
//! - [`normalize_input`]: what we store as the user's own text (keeps ZWNJ
//!   and spelling, fixes only keyboard artefacts);
//! - [`normalize_text`]: a canonical, human-readable form for comparison;
//! - [`search_key`]: [`normalize_text`] with every word break removed, so
//!   «می‌روم», «می روم» and «میروم» give one key.
//!
//! All functions are idempotent: applying one twice changes nothing.

/// Zero-width non-joiner (نیم‌فاصله).
const ZWNJ: char = '\u{200C}';
/// Zero-width joiner.
const ZWJ: char = '\u{200D}';

/// Maps a Persian (۰–۹) or Arabic-Indic (٠–٩) digit to its ASCII digit.
fn ascii_digit(c: char) -> Option<char> {
    let offset = match c {
        '\u{06F0}'..='\u{06F9}' => u32::from(c) - 0x06F0,
        '\u{0660}'..='\u{0669}' => u32::from(c) - 0x0660,
        _ => return None,
    };
    char::from_digit(offset, 10)
}

/// Replaces Persian (۰–۹) and Arabic-Indic (٠–٩) digits with ASCII 0–9,
/// leaving every other character as it is.
///
/// Use this before parsing any number a person typed: `"۱۲".parse::<u32>()`
/// fails, and Persian keyboards type Persian digits.
pub fn normalize_digits(s: &str) -> String {
    s.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

/// Normalizes text the user typed before we store it: digits to ASCII,
/// Arabic ي/ى/ك to Persian ی/ک, leading and trailing whitespace (and stray
/// ZWNJ/ZWJ there) trimmed.
///
/// It keeps ZWNJ inside the text and every other spelling choice: this is
/// the user's text, shown back to them. Search goes through [`search_key`].
pub fn normalize_input(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || c == ZWNJ || c == ZWJ)
        .chars()
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            _ => ascii_digit(c).unwrap_or(c),
        })
        .collect()
}

/// Characters dropped from comparison text: tatweel (ـ), Arabic diacritics
/// (harakat, tanwin, shadda, sukun, hamza above/below, superscript alef),
/// and invisible bidi/format controls that copy-paste leaves behind.
fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{0640}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{200E}' // LRM
            | '\u{200F}' // RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}' // BOM / zero-width no-break space
    )
}

/// Word separators: any Unicode whitespace (including NBSP), ZWNJ, ZWJ and
/// the zero-width space.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ZWNJ | ZWJ | '\u{200B}')
}

/// Maps one kept character to its canonical form.
///
/// ة (teh marbuta) becomes ه: Arabic-sourced lists write «فاطمة» where
/// Persian writes «فاطمه», and ة is awkward to type on a Persian keyboard,
/// so a name stored with it would otherwise be unfindable. آ is kept: it is
/// a distinct Persian letter, not a variant of ا.
fn canonical(c: char) -> char {
    match c {
        // «رضائی» and «رضایی» are the same name spelled two common ways.
        'ي' | 'ى' | 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' | 'ۀ' => 'ه',
        'أ' | 'إ' | 'ٱ' => 'ا',
        _ => ascii_digit(c).unwrap_or_else(|| c.to_ascii_lowercase()),
    }
}

/// A canonical form of `s` for comparing text: Arabic letter variants
/// replaced by Persian ones (ي ى ئ → ی, ك → ک, ة ۀ → ه, أ إ ٱ → ا), digits
/// to ASCII, ASCII letters lowercased, tatweel, diacritics and bidi marks
/// removed, and every run of whitespace, ZWNJ, ZWJ or NBSP turned into one
/// space, trimmed at both ends.
///
/// ```
/// use hamyar_domain::persian::normalize_text;
/// assert_eq!(normalize_text("  علي‌رضا  ۱۲ "), "علی رضا 12");
/// ```
pub fn normalize_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_removed(c) {
            continue;
        }
        if is_separator(c) {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(canonical(c));
    }
    out
}

/// The key we index and query by: [`normalize_text`] with all word breaks
/// removed, so «می‌روم», «می روم» and «میروم» (and «علی رضا» / «علیرضا»)
/// match. Stored keys and queries must both go through this function.
///
/// ```
/// use hamyar_domain::persian::search_key;
/// assert_eq!(search_key("می‌روم"), search_key("می روم"));
/// assert_eq!(search_key("كد ۰۴۹۹"), "کد0499");
/// ```
pub fn search_key(s: &str) -> String {
    normalize_text(s).replace(' ', "")
}

fn collator() -> Option<&'static icu_collator::CollatorBorrowed<'static>> {
    use icu_collator::{Collator, CollatorBorrowed, options::CollatorOptions};
    use std::sync::OnceLock;
    static COLLATOR: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    COLLATOR
        .get_or_init(|| Collator::try_new(icu_locale_core::locale!("fa").into(), CollatorOptions::default()).ok())
        .as_ref()
}

/// Persian alphabetical order (ICU, locale `fa`): «پ» after «ب», «چ» after
/// «ج», «ژ» after «ز», «گ» after «ک» — code-point order puts those four
/// after all the Arabic letters. Storage registers this as SQLite's `fa`
/// collation for short lists; long lists sort by a stored [`sort_key`].
pub fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    match collator() {
        Some(c) => c.compare(a, b),
        // Compiled-in data cannot be missing; if it were, sort stably anyway.
        None => a.cmp(b),
    }
}

/// Bytes that sort, compared bytewise, the way [`compare`] orders the
/// fields one after another (the first field decides, then the next…).
/// A database can index and order by them without calling back into ICU.
///
/// The bytes depend on ICU's data: when it changes, stored keys must be
/// made again (see [`sort_key_fingerprint`]).
pub fn sort_key(fields: &[&str]) -> Vec<u8> {
    let mut key = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            // ICU keys never contain 0x00, so a zero ends a field and a
            // shorter field sorts first, as `compare` would have it.
            key.push(0);
        }
        match collator() {
            Some(c) => {
                let Ok(()) = c.write_sort_key_to(field, &mut key);
            }
            None => key.extend(field.bytes().filter(|b| *b != 0)),
        }
    }
    key
}

/// Changes whenever the keys [`sort_key`] makes change (a new ICU version
/// or new collation data): the key of a sample of every script we meet.
pub fn sort_key_fingerprint() -> String {
    const SAMPLE: &str = "آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی \u{200C} ۰۹ 09 Aa ي ك";
    sort_key(&[SAMPLE, "ی"]).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn digits_of_every_script_become_ascii() {
        assert_eq!(normalize_digits("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(normalize_digits("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(normalize_digits("پلاک ۱۲-a"), "پلاک 12-a");
    }

    #[test]
    fn arabic_letter_variants_become_persian() {
        assert_eq!(normalize_text("علي"), "علی");
        assert_eq!(normalize_text("موسى"), "موسی");
        assert_eq!(normalize_text("كودك"), "کودک");
        assert_eq!(normalize_text("فاطمة"), "فاطمه");
        assert_eq!(normalize_text("خانۀ"), "خانه");
        assert_eq!(normalize_text("أحمد إمام"), "احمد امام");
        // آ is its own letter and stays.
        assert_eq!(normalize_text("آب"), "آب");
    }

    #[test]
    fn tatweel_diacritics_and_bidi_marks_are_removed() {
        assert_eq!(normalize_text("محـــمد"), "محمد");
        assert_eq!(normalize_text("مُحَمَّد"), "محمد");
        assert_eq!(normalize_text("\u{200F}رحمان\u{200E}"), "رحمان");
        assert_eq!(normalize_text("رحمٰن"), "رحمن");
    }

    #[test]
    fn separators_collapse_to_one_space_and_are_trimmed() {
        assert_eq!(normalize_text("  می\u{200C}روم \u{00A0}\t به\n\nخانه "), "می روم به خانه");
        assert_eq!(normalize_text("\u{200C}"), "");
        assert_eq!(normalize_text("a \u{064B} b"), "a b");
        assert_eq!(normalize_text("ABC Def"), "abc def");
    }

    #[test]
    fn search_key_ignores_word_breaks() {
        let key = search_key("میروم");
        assert_eq!(search_key("می\u{200C}روم"), key);
        assert_eq!(search_key("می روم"), key);
        assert_eq!(search_key(" مي روم "), key);
        assert_eq!(search_key("علی رضا"), search_key("علیرضا"));
    }

    #[test]
    fn sort_keys_put_persian_letters_in_alphabetical_order() {
        let mut names = vec!["چای", "تهران", "پدر", "ژاله", "زهرا", "گل", "کاظم", "باران"];
        names.sort_by_key(|n| sort_key(&[n]));
        assert_eq!(names, ["باران", "پدر", "تهران", "چای", "زهرا", "ژاله", "کاظم", "گل"]);
        // The first field decides; a shorter one comes first.
        assert!(sort_key(&["رضا", "ی"]) < sort_key(&["رضایی", "ا"]));
        assert!(!sort_key_fingerprint().is_empty());
    }

    #[test]
    fn input_keeps_zwnj_and_spelling() {
        assert_eq!(normalize_input("  می\u{200C}روم  "), "می\u{200C}روم");
        assert_eq!(normalize_input("علي كاظمي ۱۴"), "علی کاظمی 14");
        // Only keyboard artefacts are fixed; spelling choices stay.
        assert_eq!(normalize_input("فاطمة"), "فاطمة");
        assert_eq!(normalize_input("محـمد  رضا"), "محـمد  رضا");
        assert_eq!(normalize_input("\u{200C} x \u{200C}"), "x");
    }

    /// Strings rich in the characters the normalizer cares about, mixed
    /// with arbitrary ones.
    fn text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            'ي', 'ى', 'ی', 'ك', 'ک', 'ة', 'ۀ', 'ه', 'أ', 'إ', 'ٱ', 'ا', 'آ', '۰', '۵', '٩', '7', 'ـ', '\u{064B}',
            '\u{0650}', '\u{0654}', '\u{0670}', ZWNJ, ZWJ, '\u{200B}', '\u{00A0}', '\u{200F}', '\u{FEFF}', ' ', '\t',
            '\n', 'A', 'z', 'م', 'ر',
        ]);
        prop::collection::vec(prop_oneof![3 => special, 1 => any::<char>()], 0..40)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn normalizers_are_idempotent(s in text()) {
            let d = normalize_digits(&s);
            prop_assert_eq!(normalize_digits(&d), d);
            let i = normalize_input(&s);
            prop_assert_eq!(normalize_input(&i), i);
            let t = normalize_text(&s);
            prop_assert_eq!(normalize_text(&t), t);
            let k = search_key(&s);
            prop_assert_eq!(search_key(&k), k);
        }

        #[test]
        fn normalized_text_has_no_separator_runs(s in text()) {
            let t = normalize_text(&s);
            prop_assert!(!t.starts_with(' ') && !t.ends_with(' '));
            prop_assert!(!t.contains("  "));
            prop_assert!(!t.contains(ZWNJ));
            prop_assert!(!search_key(&s).contains(' '));
        }

        #[test]
        fn sort_keys_order_as_the_collation_does(a in text(), b in text(), c in text(), d in text()) {
            let by_collation = compare(&a, &c).then(compare(&b, &d));
            prop_assert_eq!(sort_key(&[&a, &b]).cmp(&sort_key(&[&c, &d])), by_collation);
            prop_assert!(!sort_key(&[&a]).contains(&0));
        }

        #[test]
        fn storing_input_does_not_change_its_key(s in text()) {
            prop_assert_eq!(search_key(&normalize_input(&s)), search_key(&s));
        }

        #[test]
        fn digits_of_any_script_give_the_same_key(
            digits in prop::collection::vec((0u32..10, 0usize..3), 0..15),
            prefix in text(),
        ) {
            // ASCII, Persian and Arabic-Indic zero.
            const ZEROS: [u32; 3] = [0x30, 0x06F0, 0x0660];
            let render = |script: Option<usize>| -> String {
                digits
                    .iter()
                    .map(|&(d, s)| char::from_u32(ZEROS[script.unwrap_or(s)] + d).unwrap())
                    .collect()
            };
            let ascii = render(Some(0));
            let expected = search_key(&format!("{prefix} {ascii}"));
            // All Persian, all Arabic-Indic, and each digit in a random script.
            for script in [Some(1), Some(2), None] {
                let digits = render(script);
                prop_assert_eq!(normalize_digits(&digits), ascii.clone());
                prop_assert_eq!(search_key(&format!("{prefix} {digits}")), expected.clone());
            }
        }
    }

    #[test]
    fn sorts_in_persian_alphabetical_order() {
        let mut words = vec!["چای", "گل", "تهران", "ژاله", "پدر", "کریم", "محمد", "آب", "باران"];
        words.sort_by(|a, b| compare(a, b));
        assert_eq!(words, vec!["آب", "باران", "پدر", "تهران", "چای", "ژاله", "کریم", "گل", "محمد"]);
    }
}
