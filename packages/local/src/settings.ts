import { resolve } from 'node:path';
import * as z from 'zod';
import { repositoryRoot } from './lambda/invoke';

const port = z.coerce.number().int().min(1).max(65_535);

const settingsSchema = z.object({
  PORT: port.default(3000),
  RAPPORT_DATA_DIR: z.string().default(resolve(repositoryRoot, '.rapport')),
  RAPPORT_DYNAMODB_PORT: port.default(8000),
  RAPPORT_SES_PORT: port.default(8005),
  RAPPORT_TIME_SCALE: z.coerce.number().positive().max(10_000_000).default(1),
  RAPPORT_API_KEY: z.string().min(16).optional(),
  RAPPORT_EMAIL_FROM: z.string().optional(),
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
