import * as z from 'zod/mini';

/** Money as an integer count of the currency's minor units (ISO 4217). */
export const moneySchema = z.object({
  value: z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
});

export type Money = z.infer<typeof moneySchema>;
