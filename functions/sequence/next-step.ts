import { nextStep, runnerInputSchema } from '@rapport/core';

/** Task of the sequence runner: what to do at the current position. */
export const handler = async (input: unknown) =>
  nextStep(runnerInputSchema.parse(input));
