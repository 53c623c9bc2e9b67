import type { Contact } from '@rapport/events';
import * as z from 'zod/mini';
import { toE164 } from '../contact/contact.phone';
import { emailSchema } from '../contact/contact.schema';
import type { CustomField } from './custom-field.schema';

export type FieldValue = Contact['customFields'][string];

export type Conversion =
  | { ok: true; value: FieldValue }
  | { ok: false; message: string };

const ok = (value: FieldValue): Conversion => ({ ok: true, value });
const no = (message: string): Conversion => ({ ok: false, message });

const truthy = new Set(['true', 'yes', 'on', '1']);
const falsy = new Set(['false', 'no', 'off', '0']);

const isDate = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00.000Z`);

  return (
    !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text)
  );
};

const isoDateTime = z.iso.datetime({ offset: true });

const matchOption = (options: string[], value: string) =>
  options.find((option) => option.toLowerCase() === value.trim().toLowerCase());

const scalar = (field: CustomField, value: string | number | boolean) => {
  const text = String(value).trim();

  switch (field.type) {
    case 'text':
      return ok(text);
    case 'number': {
      const number = typeof value === 'number' ? value : Number(text);
      if (text === '' || !Number.isFinite(number)) return no('Not a number');

      return ok(number);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return ok(value);
      if (truthy.has(text.toLowerCase())) return ok(true);
      if (falsy.has(text.toLowerCase())) return ok(false);

      return no('Not true or false');
    }
    case 'date':
      return isDate(text) ? ok(text) : no('Not a date such as 2026-12-31');
    case 'datetime': {
      if (isDate(text)) return ok(`${text}T00:00:00.000Z`);
      if (!isoDateTime.safeParse(text).success) {
        return no('Not an ISO-8601 date and time');
      }

      return ok(new Date(text).toISOString());
    }
    case 'url': {
      try {
        const url = new URL(text);
        if (/^https?:$/.test(url.protocol)) return ok(url.href);
      } catch {}

      return no('Not an http(s) URL');
    }
    case 'email': {
      const parsed = emailSchema.safeParse(text);

      return parsed.success ? ok(parsed.data) : no('Not a valid email address');
    }
    case 'phone': {
      const e164 = toE164(text);

      return e164
        ? ok(e164)
        : no('Not a phone number in international format (+...)');
    }
    case 'single_select': {
      const option = matchOption(field.options, text);

      return option
        ? ok(option)
        : no(`Not one of the options: ${field.options.join(', ')}`);
    }
    case 'multi_select':
      return convertValue(field, [text]);
  }
};

/**
 * Converts a value to a field's type: the check on every write and on every
 * type change. Strings convert where their text is unambiguous, since forms
 * post nothing else.
 */
export const convertValue = (
  field: CustomField,
  value: FieldValue,
): Conversion => {
  if (value === null) return ok(null);
  if (!Array.isArray(value)) return scalar(field, value);
  if (field.type !== 'multi_select') {
    return value.length === 1 && value[0] !== undefined
      ? scalar(field, value[0])
      : no('Takes one value, not a list');
  }

  const chosen: string[] = [];
  for (const item of value) {
    const option = matchOption(field.options, item);
    if (!option) return no(`"${item}" is not one of the options`);
    if (!chosen.includes(option)) chosen.push(option);
  }

  return ok(chosen);
};
