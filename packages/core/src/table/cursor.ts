import * as z from 'zod/mini';
import { DomainError } from '../errors';

const cursorSchema = z.object({
  v: z.literal(1),
  s: z.string(),
  after: z.string().check(z.minLength(1)),
});

/**
 * Wraps the last position of a page into an opaque cursor. `scope` names
 * the listing (`contacts`, `timeline:contact:<id>`, a search's filter), so
 * that a cursor from one listing is refused by another rather than giving
 * a wrong page.
 */
export const encodeCursor = (scope: string, after: string): string =>
  Buffer.from(JSON.stringify({ v: 1, s: scope, after })).toString('base64url');

/** Reads a cursor back, refusing anything this listing did not hand out. */
export const decodeCursor = (scope: string, cursor: string): string => {
  try {
    const parsed = cursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    if (parsed.s !== scope) throw new Error('cursor of another listing');

    return parsed.after;
  } catch {
    throw new DomainError(
      400,
      'request.invalid_cursor',
      'The cursor is not valid.',
      [
        {
          path: 'cursor',
          message: 'Pass back a nextCursor exactly as received.',
        },
      ],
    );
  }
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
