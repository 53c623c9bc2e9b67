import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { repositoryRoot } from './lambda/invoke';

const port = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(65_535));

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
  RAPPORT_EMAIL_FROM: z.optional(z.string()),
});

export type Settings = z.infer<typeof settingsSchema>;

/** The local stack's settings, from the environment; README lists them. */
export const readSettings = (environment = process.env): Settings => {
  const parsed = settingsSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid setting: ${problems}`);
  }

  return parsed.data;
};
