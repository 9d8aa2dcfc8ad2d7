import type { CustomValue, PropertyDefinition } from '../types';
import { refuse } from './session';

/**
 * Value checks shared by the rules. Each returns the normalised value or
 * refuses with a message an agent can act on (shown as is in `tip-error`).
 * `label` starts the sentence: "The ticket name", "Priority"…
 */

/** Single-line texts (names, categories): long enough for any subject line. */
export const MAX_NAME = 500;
/** Multi-line texts (descriptions, notes, text properties, snippet bodies). */
export const MAX_TEXT = 10_000;

export function requiredText(value: unknown, label: string, max = MAX_NAME): string {
  if (typeof value !== 'string' || value.trim() === '') refuse('invalid', `${label} can't be empty.`);
  return limited(value.trim(), label, max);
}

/** An optional text: null clears it to ''. Single-line ones are trimmed; multi-line ones keep their layout. */
export function optionalText(value: unknown, label: string, max: number, trim: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') refuse('invalid', `${label} must be text.`);
  return limited(trim ? value.trim() : value, label, max);
}

function limited(text: string, label: string, max: number): string {
  if (text.length > max) refuse('invalid', `${label} is too long (at most ${withThousands(max)} characters).`);
  return text;
}

function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Lower-cased, trimmed email, or null when there is none. */
export function normalizeEmail(value: string | null | undefined): string | null {
  const email = value?.trim().toLowerCase();
  return email ? email : null;
}

export function normalizeHandle(value: string | null | undefined): string | null {
  const handle = value?.trim();
  return handle ? handle : null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written `YYYY-MM-DD` (so 2025-02-30 is refused). */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** R4: a value for a user-defined property, checked against its type. Null clears it. */
export function customValue(property: PropertyDefinition, value: unknown): CustomValue {
  if (value === null) return null;
  const label = `"${property.name}"`;
  switch (property.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) refuse('invalid', `${label} must be a number.`);
      return value;
    case 'select':
      if (typeof value !== 'string' || !(property.options ?? []).includes(value)) {
        refuse('invalid', `${label} must be one of: ${(property.options ?? []).join(', ')}.`);
      }
      return value;
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) refuse('invalid', `${label} must be a date (YYYY-MM-DD).`);
      return value;
    case 'text':
      if (typeof value !== 'string') refuse('invalid', `${label} must be text.`);
      // Blank text is no value: store null so "empty" has one representation.
      return value.trim() === '' ? null : limited(value, label, MAX_TEXT);
  }
}
