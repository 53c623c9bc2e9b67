import type { DomainError } from '@rapport/core';

/** The error a promise rejects with; fails the test when it resolves. */
export const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('Expected a failure');
};
