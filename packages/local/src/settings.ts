import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { repositoryRoot } from './lambda/invoke';
import { StartupError } from './services/startup-error';

const port = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(65_535));
const logLevels = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;
const address = String.raw`[^\s@<>]+@[^\s@<>.]+(\.[^\s@<>.]+)+`;
const sender = new RegExp(`^(${address}|[^<>]*[^\\s<>][^<>]* <${address}>)$`);

const settingsSchema = z.object({
  PORT: z._default(port, 3000),
  RAPPORT_DATA_DIR: z._default(z.string(), resolve(repositoryRoot, '.rapport')),
  RAPPORT_DYNAMODB_PORT: z._default(port, 8000),
  RAPPORT_SES_PORT: z._default(port, 8005),
  RAPPORT_TIME_SCALE: z._default(
    z.coerce.number().check(z.positive(), z.maximum(10_000_000)),
    1,
  ),
  RAPPORT_API_KEY: z.optional(z.string().check(z.minLength(16))),
  RAPPORT_EMAIL_FROM: z.optional(z.string().check(z.regex(sender))),
  POWERTOOLS_LOG_LEVEL: z.optional(
    z
      .string()
      .check(
        z.refine((level) =>
          (logLevels as readonly string[]).includes(level.toUpperCase()),
        ),
      ),
  ),
});

export type Settings = z.infer<typeof settingsSchema>;

/** What each setting must be, as the sentence that refuses a bad value. */
const requirement: Record<keyof Settings, string> = {
  PORT: 'a port number from 1 to 65535',
  RAPPORT_DATA_DIR: 'a directory path',
  RAPPORT_DYNAMODB_PORT: 'a port number from 1 to 65535',
  RAPPORT_SES_PORT: 'a port number from 1 to 65535',
  RAPPORT_TIME_SCALE: 'a number above 0 and at most 10000000',
  RAPPORT_API_KEY: '16 characters or more',
  RAPPORT_EMAIL_FROM: 'an email address or "Name <address>"',
  POWERTOOLS_LOG_LEVEL: `one of ${logLevels.join(', ')}`,
};

/** The local stack's settings, from the environment; README lists them. */
export const readSettings = (environment = process.env): Settings => {
  const parsed = settingsSchema.safeParse(environment);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]?.path[0]) as keyof Settings;
    // An API key is a secret: the refusal never repeats it.
    const shown =
      name === 'RAPPORT_API_KEY'
        ? ''
        : `, not ${JSON.stringify(environment[name])}`;
    throw new StartupError(`${name} must be ${requirement[name]}${shown}.`);
  }

  return parsed.data;
};
