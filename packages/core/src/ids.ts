import { createHash, randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

export type IdPrefix = 'ct' | 'evt' | 'frm' | 'seg' | 'seq' | 'sub' | 'ws';

/** A new time-ordered id such as `ct_01JDQ80F2V7K3W9YB6X4M1N8PQ`. */
export const newId = (prefix: IdPrefix, at = Date.now()): string =>
  `${prefix}_${nextUlid(at)}`;

/** A stable id derived from its parts, for records that must be made once. */
export const derivedId = (prefix: string, ...parts: string[]): string =>
  `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;

export const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('hex');

/** A secret with 192 random bits, URL-safe. */
export const newSecret = (prefix: string): string =>
  `${prefix}_${randomBytes(24).toString('base64url')}`;
