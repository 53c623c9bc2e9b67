import { runnerInputSchema, sendSequenceEmail } from '@rapport/core';

/** Task of the sequence runner: sends the email at the current position. */
export const handler = async (input: unknown) =>
  sendSequenceEmail(runnerInputSchema.parse(input));
