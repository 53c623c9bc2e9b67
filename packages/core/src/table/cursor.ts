import * as z from 'zod/mini';
import { DomainError } from '../errors';

const cursorSchema = z.object({
  v: z.literal(1),
  after: z.string().check(z.minLength(1)),
});

/** Wraps the last position of a page into an opaque cursor. */
export const encodeCursor = (after: string): string =>
  Buffer.from(JSON.stringify({ v: 1, after })).toString('base64url');

/** Reads a cursor back, refusing anything this API did not hand out. */
export const decodeCursor = (cursor: string): string => {
  try {
    const parsed = cursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );

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
