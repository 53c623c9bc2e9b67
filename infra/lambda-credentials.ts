import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` inside the bundles. In
 * Lambda the runtime puts the role's credentials in the environment, so the
 * rest of the default chain (SSO, profiles, STS, instance metadata) is dead
 * code that would add about 90 KB to every function.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) =>
  fromEnv(init);
