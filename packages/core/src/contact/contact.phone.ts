import {
  type CountryCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min';

/**
 * A phone number in E.164 (`+442079460958`), or undefined when it is not a
 * valid number. A national number needs the country it is dialled in.
 * The `min` metadata keeps the cost to ~120 KB of bundle.
 */
export const toE164 = (raw: string, country?: string): string | undefined => {
  const parsed = parsePhoneNumberFromString(
    raw,
    country ? { defaultCountry: country.toUpperCase() as CountryCode } : {},
  );

  return parsed?.isValid() ? parsed.number : undefined;
};
