import * as z from 'zod/mini';
import {
  contactLimits,
  customFieldsSchema,
  emailSchema,
  reservedFieldKeys,
} from '../contact/contact.schema';
import { validationFailed } from '../errors';
import type { FormFields } from '../http/body';

/** Names a landing page may use for each contact field, compared folded. */
const aliases: Record<string, string> = {
  email: 'email',
  emailaddress: 'email',
  firstname: 'firstName',
  fname: 'firstName',
  givenname: 'firstName',
  lastname: 'lastName',
  lname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  name: 'name',
  fullname: 'name',
  phone: 'phone',
  phonenumber: 'phone',
  tel: 'phone',
  mobile: 'phone',
  company: 'company',
  organization: 'company',
  organisation: 'company',
};

const fold = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

/** Whether a posted field name fills a contact field (`first_name`, ...). */
export const isContactFieldName = (name: string): boolean =>
  Object.hasOwn(aliases, fold(name));

/** A form field name made into a custom field key. */
const customKey = (name: string) => {
  const key = name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);

  return /^[A-Za-z]/.test(key) && !reservedFieldKeys.has(key)
    ? key
    : `f_${key}`.slice(0, 64);
};

/** Text a visitor may leave empty; empty counts as not given. */
const optionalText = (max: number) =>
  z.optional(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(max)),
      z.transform((value) => value || undefined),
    ),
  );

const submissionSchema = z.object({
  email: emailSchema,
  firstName: optionalText(contactLimits.nameLength),
  lastName: optionalText(contactLimits.nameLength),
  name: optionalText(contactLimits.nameLength * 2),
  phone: optionalText(contactLimits.phoneLength),
  company: optionalText(contactLimits.companyLength),
  customFields: customFieldsSchema,
});

export type MappedSubmission = {
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  company?: string;
  customFields: Record<string, string | string[]>;
};

/**
 * Maps posted fields onto a contact: known names (in any common spelling)
 * to contact fields, the rest to custom fields. Fields whose name starts
 * with `_` steer the form and are not stored.
 */
export const mapSubmission = (fields: FormFields): MappedSubmission => {
  const known: Record<string, unknown> = {};
  const customFields: Record<string, string | string[]> = {};

  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('_')) continue;
    const folded = fold(name);
    const target = Object.hasOwn(aliases, folded) ? aliases[folded] : undefined;
    if (target) known[target] = value;
    else customFields[customKey(name)] = value;
  }

  const result = submissionSchema.safeParse({ ...known, customFields });
  if (!result.success) throw validationFailed(result.error);

  const { name, ...mapped } = result.data;
  if (name && !mapped.firstName && !mapped.lastName) {
    const [first, ...rest] = name.split(/\s+/);
    mapped.firstName = first;
    if (rest.length > 0) mapped.lastName = rest.join(' ');
  }

  return mapped as MappedSubmission;
};

/** The posted fields without control fields, as the event records them. */
export const recordedFields = (fields: FormFields): FormFields =>
  Object.fromEntries(
    Object.entries(fields).filter(
      ([name]) => !name.startsWith('_') && !reservedFieldKeys.has(name),
    ),
  );
