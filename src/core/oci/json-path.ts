import { at, problem, type Problem } from './problem.ts';
import type { ProblemCode } from './problem-codes.ts';

/** Where problems of one document are collected while it is read. */
export interface ReadContext {
  /** The document name problems are reported against (a digest, `index.json`, …). */
  readonly doc: string;
  readonly problems: Problem[];
}

/** A fresh context for reading one document. */
export function context(doc: string): ReadContext {
  return { doc, problems: [] };
}

/** The JSON path of an object member: `$.layers`, or `$["os.version"]` for awkward keys. */
export function member(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** The JSON path of an array item: `$.layers[2]`. */
export function item(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** Record an error at a JSON path of the document. */
export function fail(
  ctx: ReadContext,
  path: string,
  code: ProblemCode,
  message: string,
  rule?: string,
): void {
  ctx.problems.push(problem('error', code, at(ctx.doc, path), message, rule));
}

/** Record a warning at a JSON path of the document. */
export function warn(
  ctx: ReadContext,
  path: string,
  code: ProblemCode,
  message: string,
  rule?: string,
): void {
  ctx.problems.push(problem('warning', code, at(ctx.doc, path), message, rule));
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type of a value, as messages name it (`null`, `array`, `integer`, …). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A short rendering of a JSON value for messages. */
export function show(value: unknown): string {
  const text = render(value, 0, { left: 64 });
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * JSON.stringify's text, cut once `budget` characters are out: a value nested 100,000 deep
 * would overflow the stack in JSON.stringify and String() alike, and only 60 characters show.
 */
function render(value: unknown, depth: number, budget: { left: number }): string {
  if (budget.left <= 0 || depth > 32) return '';
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    budget.left--;
    for (let i = 0; i < value.length && budget.left > 0; i++) {
      out += (i > 0 ? ',' : '') + render(value[i], depth + 1, budget);
    }
    out += ']';
  } else if (value !== null && typeof value === 'object') {
    out = '{';
    budget.left--;
    let first = true;
    for (const key of Object.keys(value)) {
      if (budget.left <= 0) break;
      const k = JSON.stringify(key.slice(0, 64));
      budget.left -= k.length + 1;
      out += `${first ? '' : ','}${k}:${render((value as Record<string, unknown>)[key], depth + 1, budget)}`;
      first = false;
    }
    out += '}';
  } else if (typeof value === 'string') {
    out = JSON.stringify(value.slice(0, 64));
    budget.left -= out.length;
  } else {
    out = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
    budget.left -= out.length;
  }
  return out;
}

/** Report a member of the wrong JSON type. */
export function wrongType(
  ctx: ReadContext,
  path: string,
  want: string,
  got: unknown,
  rule?: string,
): void {
  const shown = got === null ? 'null' : `${jsonType(got)} ${show(got)}`;
  fail(ctx, path, 'field-type-invalid', `must be ${want}, got ${shown}`, rule);
}

/** Report a required member that is absent. */
export function missing(ctx: ReadContext, path: string, what: string, rule?: string): void {
  fail(ctx, path, 'field-missing', `required ${what} is missing`, rule);
}
