/**
 * @module web/i18n
 * UI strings come from web/i18n.json (Arabic first, English second). Switching language also
 * switches `lang` and `dir` on <html>, so the whole layout mirrors through CSS logical
 * properties rather than through separate stylesheets.
 */
import table from '../i18n.json';

export type Lang = 'ar' | 'en';
const STRINGS = table as unknown as Record<Lang, Record<string, string>>;

let current: Lang = 'ar';

export function lang(): Lang {
  return current;
}

/** A UI string with `{name}` placeholders filled; unknown keys fall back to Arabic, then to the key. */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const s = STRINGS[current][key] ?? STRINGS.ar[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_m, k: string) => (k in vars ? formatVar(vars[k]) : `{${k}}`));
}

/**
 * A counted string: picks `key.zero|one|two|few|many|other` by the language's plural rules
 * (Arabic has all six: حدث واحد، حدثان، ٣ أحداث، ١١ حدثاً، ١٠٠ حدث).
 */
export function tn(key: string, count: number, vars: Record<string, string | number> = {}): string {
  const category = new Intl.PluralRules(current === 'ar' ? 'ar' : 'en').select(count);
  const k = `${key}.${category}`;
  return t(STRINGS[current][k] != null ? k : `${key}.other`, { n: count, ...vars });
}

function formatVar(v: string | number): string {
  return typeof v === 'number' ? formatNumber(v) : v;
}

/** Numbers in the UI language's digits (Arabic-Indic for Arabic). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(current === 'ar' ? 'ar-SY' : 'en-GB').format(n);
}

/** A YYYY-MM-DD day in the UI language (the value stays a Gregorian date). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return t('value.unknown');
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(current === 'ar' ? 'ar-SY' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A timestamp in the UI language. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return t('value.unknown');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'ar' ? 'ar-SY' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Localized name of an event type / sub-type (stored values stay ACLED's English). */
export function typeName(type: string): string {
  return STRINGS[current][`type.${type}`] ?? type;
}
export function subTypeName(sub: string): string {
  return STRINGS[current][`sub.${sub}`] ?? sub;
}
export function fieldName(field: string): string {
  return STRINGS[current][`field.${field}`] ?? field;
}

/** Sets the language and fills every `data-i18n*` element under `root`. */
export function setLang(l: Lang, root: ParentNode = document): void {
  current = l;
  document.documentElement.lang = l;
  document.documentElement.dir = l === 'ar' ? 'rtl' : 'ltr';
  document.title = t('app.title');
  applyStrings(root);
}

/** Fills textContent / placeholder / title of elements carrying data-i18n attributes. */
export function applyStrings(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder!);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle!);
}
