import type { CustomValue, PropertyDefinition } from '../types';
import type { RefusalField } from '../refusals';
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

export function requiredText(value: unknown, field: RefusalField, max = MAX_NAME): string {
  if (typeof value !== 'string' || value.trim() === '') refuse('invalid', 'fieldEmpty', { field });
  return limited(value.trim(), field, max);
}

/** An optional text: null clears it to ''. Single-line ones are trimmed; multi-line ones keep their layout. */
export function optionalText(value: unknown, field: RefusalField, max: number, trim: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') refuse('invalid', 'fieldNotText', { field });
  return limited(trim ? value.trim() : value, field, max);
}

function limited(text: string, field: RefusalField, max: number): string {
  if (text.length > max) refuse('invalid', 'fieldTooLong', { field, max });
  return text;
}

/** An option of a select property: the property's name says which. */
export function optionText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') refuse('invalid', 'optionEmpty', { name });
  if (value.trim().length > MAX_NAME) refuse('invalid', 'optionTooLong', { name, max: MAX_NAME });
  return value.trim();
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
  const name = property.name;
  switch (property.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) refuse('invalid', 'customNotNumber', { name });
      return value;
    case 'select':
      if (typeof value !== 'string' || !(property.options ?? []).includes(value)) {
        refuse('invalid', 'customNotOption', { name, options: (property.options ?? []).join(', ') });
      }
      return value;
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) refuse('invalid', 'customNotDate', { name });
      return value;
    case 'text':
      if (typeof value !== 'string') refuse('invalid', 'customNotText', { name });
      // Blank text is no value: store null so "empty" has one representation.
      if (value.trim() === '') return null;
      if (value.length > MAX_TEXT) refuse('invalid', 'customTooLong', { name, max: MAX_TEXT });
      return value;
  }
}
