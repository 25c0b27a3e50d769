// Display formatting per UI language. Persian shows Persian digits; both
// languages show Solar Hijri dates (the calendar users live by), English with
// Latin digits and transliterated month names.

export type Lang = 'fa' | 'en';
export const LANGS: readonly Lang[] = ['fa', 'en'];

export function isLang(v: unknown): v is Lang {
  return v === 'fa' || v === 'en';
}

export function dirOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'fa' ? 'rtl' : 'ltr';
}

/** Locale for numbers. */
export function numberLocale(lang: Lang): string {
  return lang === 'fa' ? 'fa-IR' : 'en-US';
}

/** Locale for dates: always the Persian (Solar Hijri) calendar. */
export function dateLocale(lang: Lang): string {
  return lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-US-u-ca-persian';
}

const numberFormats = new Map<Lang, Intl.NumberFormat>();

export function formatNumber(n: number, lang: Lang): string {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(lang));
    numberFormats.set(lang, f);
  }
  return f.format(n);
}

/** An integer without grouping (years, days): `۱۴۰۳`, not `۱٬۴۰۳`. */
export function formatDigits(n: number, lang: Lang): string {
  return new Intl.NumberFormat(numberLocale(lang), { useGrouping: false }).format(n);
}
