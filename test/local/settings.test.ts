import { StartupError } from '@rapport/local/services/startup-error';
import { readSettings } from '@rapport/local/settings';
import { describe, expect, it } from 'vitest';

const refusal = (environment: Record<string, string | undefined>) => {
  try {
    readSettings(environment);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('settings say in one sentence what is wrong', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT must be a port number from 1 to 65535, not "abc".'],
    [
      { RAPPORT_DYNAMODB_PORT: '70000' },
      'RAPPORT_DYNAMODB_PORT must be a port number from 1 to 65535, not "70000".',
    ],
    [
      { RAPPORT_API_KEY: 'short' },
      'RAPPORT_API_KEY must be 16 characters or more.',
    ],
    [
      { RAPPORT_TIME_SCALE: '0' },
      'RAPPORT_TIME_SCALE must be a number above 0 and at most 10000000, not "0".',
    ],
    [
      { POWERTOOLS_LOG_LEVEL: 'LOUD' },
      'POWERTOOLS_LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR, SILENT, not "LOUD".',
    ],
    [
      { RAPPORT_EMAIL_FROM: 'nobody' },
      'RAPPORT_EMAIL_FROM must be an email address or "Name <address>", not "nobody".',
    ],
    [
      { RAPPORT_EMAIL_FROM: 'Ada <ada>' },
      'RAPPORT_EMAIL_FROM must be an email address or "Name <address>", not "Ada <ada>".',
    ],
  ])('%j is refused', (environment, sentence) => {
    const error = refusal(environment);

    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(sentence);
  });

  it.each([
    {},
    { PORT: '3001', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    { POWERTOOLS_LOG_LEVEL: 'silent' },
    { RAPPORT_EMAIL_FROM: 'hello@rapport.localhost' },
    { RAPPORT_EMAIL_FROM: 'Rapport Team <hello@rapport.localhost>' },
    { RAPPORT_API_KEY: 'a-key-long-enough-1' },
  ])('%j is accepted', (environment) => {
    expect(refusal(environment)).toBeUndefined();
  });
});
