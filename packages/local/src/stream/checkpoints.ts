import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Where a stream reader has got to in each shard: the sequence number of the
 * last record it has finished with. Kept in memory, and in a JSON file when
 * one is named, so that a restarted reader resumes where it stopped.
 */
export interface Checkpoints {
  get(shardId: string): string | undefined;
  /** Moves the shard's checkpoint forward; an older position is ignored. */
  advance(shardId: string, sequenceNumber: string): Promise<void>;
  /** Resolves once every checkpoint so far is on disk. */
  flush(): Promise<void>;
}

const load = (file: string): Record<string, string> => {
  let text: string;

  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const positions: unknown = JSON.parse(text);
  const valid =
    typeof positions === 'object' &&
    positions !== null &&
    !Array.isArray(positions) &&
    Object.values(positions).every((value) => typeof value === 'string');

  if (!valid) {
    throw new Error(
      `Checkpoint file ${file} should be a JSON object of shard ids to sequence numbers: fix or delete it to read the stream from its start.`,
    );
  }

  return positions as Record<string, string>;
};

/** Opens the checkpoints kept in `file`, or in memory only without one. */
export const openCheckpoints = (file?: string): Checkpoints => {
  const positions = file ? load(file) : {};
  let written: Promise<void> = Promise.resolve();

  // Writes run one at a time, each replacing the file whole, so a crash
  // leaves either the old checkpoints or the new ones.
  const save = (path: string) => {
    const temporary = `${path}.${process.pid}.tmp`;

    written = written
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(temporary, `${JSON.stringify(positions, null, 2)}\n`);
        await rename(temporary, path);
      });

    return written;
  };

  return {
    get: (shardId) => positions[shardId],
    advance: async (shardId, sequenceNumber) => {
      const current = positions[shardId];

      if (current !== undefined && BigInt(current) >= BigInt(sequenceNumber))
        return;
      positions[shardId] = sequenceNumber;
      if (file) await save(file);
    },
    flush: () => written.catch(() => undefined),
  };
};
