/**
 * JSON may spell a lone UTF-16 surrogate ("\ud800"), which is not a Unicode character:
 * SQLite stores it as U+FFFD, so what was saved would differ from what was acknowledged.
 * Such input is refused (422) instead of being silently changed.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasLoneSurrogate(v, depth + 1));
  for (const [k, v] of Object.entries(value)) {
    if (LONE_SURROGATE.test(k) || hasLoneSurrogate(v, depth + 1)) return true;
  }
  return false;
}
