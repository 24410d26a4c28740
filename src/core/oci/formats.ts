/** String formats the image-spec schemas and prose require, checked without a schema library. */

// defs-descriptor.json#/definitions/mediaType: RFC 6838 restricted names, each part 1..127 chars.
const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

/** True when a string is a media type as the descriptor schema's pattern allows (no parameters). */
export function isMediaType(s: string): boolean {
  return MEDIA_TYPE.test(s);
}

// RFC 3986 §3: scheme ":" then only unreserved, reserved and percent-encoded characters.
// JSON Schema "format": "uri" means an absolute URI, so a scheme is required.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9._~!$&'()*+,;=:@/?#[\]-]|%[0-9A-Fa-f]{2})*$/;

/** True when a string is an absolute URI (RFC 3986), as the descriptor's `urls` require. */
export function isUri(s: string): boolean {
  return URI.test(s);
}

// RFC 3339 §5.6 date-time; the time-offset is required, fractional seconds optional.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/** True when a string is an RFC 3339 date-time, as config.md's `created` requires. */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
  const offsetHour = m[8] === undefined ? 0 : Number(m[8]);
  const offsetMinute = m[9] === undefined ? 0 : Number(m[9]);
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= 31 &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 60 &&
    offsetHour <= 23 &&
    offsetMinute <= 59
  );
}

/** True when an Env entry has the `VARNAME=VARVALUE` form config.md gives (the spec's validator's rule). */
export function isEnvEntry(s: string): boolean {
  return /^[^=]+=/.test(s);
}
