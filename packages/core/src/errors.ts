import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships without messages; clients get English ones.
z.config(en());

export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * A failure the client caused or must know about. `code` is stable and dotted
 * (`contact.email_taken`); only these errors' messages ever reach a client.
 */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly meta: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError(404, `${what}.not_found`, `No ${what} has the id ${id}.`);

/** Renders a zod path (`['steps', 0, 'subject']`) as `steps[0].subject`. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;

    return text ? `${text}.${String(key)}` : String(key);
  }, '');

/** Turns a zod failure into a 400 that names every offending field. */
export const validationFailed = (
  error: z.core.$ZodError,
  prefix: readonly PropertyKey[] = [],
) =>
  new DomainError(
    400,
    'request.validation_failed',
    'The request has invalid fields.',
    error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: formatPath([...prefix, ...issue.path, key]),
            message: 'Not a field that can be set',
          }))
        : [
            {
              path: formatPath([...prefix, ...issue.path]) || '(root)',
              message: issue.message,
            },
          ],
    ),
  );
