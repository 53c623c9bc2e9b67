import { createHash, randomBytes } from 'node:crypto';
import { monotonicFactory, ulid } from 'ulid';

const nextUlid = monotonicFactory();

export type IdPrefix =
  | 'act'
  | 'ct'
  | 'deal'
  | 'evt'
  | 'frm'
  | 'pl'
  | 'pur'
  | 'pv'
  | 'seg'
  | 'seq'
  | 'stg'
  | 'sub'
  | 'tsk'
  | 'vis'
  | 'ws';

/** How far from now a time may be and still share the monotonic clock. */
const monotonicWindowMs = 1000;

/**
 * A new time-ordered id such as `ct_01JDQ80F2V7K3W9YB6X4M1N8PQ`. Ids for
 * now are monotonic within the process. A time well in the past (a call
 * logged a day late, an order synced from a shop) keeps its own time, so
 * its record sorts where it happened: the monotonic clock would stamp it
 * with the latest time it has seen instead.
 */
export const newId = (prefix: IdPrefix, at = Date.now()): string =>
  `${prefix}_${
    Math.abs(at - Date.now()) > monotonicWindowMs ? ulid(at) : nextUlid(at)
  }`;

/** A stable id derived from its parts, for records that must be made once. */
export const derivedId = (prefix: string, ...parts: string[]): string =>
  `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;

export const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('hex');

/** A secret with 192 random bits, URL-safe. */
export const newSecret = (prefix: string): string =>
  `${prefix}_${randomBytes(24).toString('base64url')}`;
