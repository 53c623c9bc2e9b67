import {
  mkdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { StartupError } from './startup-error';

/** Creates the data directory, or says in one sentence why it cannot. */
export const prepareDataDir = (dir: string): void => {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a part of its path is a file, not a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'this user may not create it'
          : `creating it failed with ${code ?? String(error)}`;
    throw new StartupError(
      `RAPPORT_DATA_DIR ${dir} cannot be used: ${reason}; set RAPPORT_DATA_DIR to another directory.`,
    );
  }
};

/** A process's command line as its arguments, or undefined once it is gone. */
const commandLine = (pid: number): string[] | undefined => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter(Boolean);
  } catch {
    return undefined;
  }
};

const readPid = (file: string): number | undefined => {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

const isRapport = (pid: number) =>
  commandLine(pid)?.some((argument) =>
    argument.endsWith(join('packages', 'local', 'src', 'main.ts')),
  ) ?? false;

/**
 * Keeps a second Rapport off the same data directory: `rapport.pid` is
 * created exclusively; one left by a process that is gone (or is no longer
 * Rapport) is taken over. Returns what removes it again.
 */
export const lockDataDir = (dir: string): (() => void) => {
  const file = join(dir, 'rapport.pid');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        if (readPid(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readPid(file);
    if (holder !== undefined && holder !== process.pid && isRapport(holder)) {
      throw new StartupError(
        `Another Rapport (pid ${holder}) is using ${dir}: stop it or set RAPPORT_DATA_DIR to another directory.`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new StartupError(
    `Could not lock ${dir}: another Rapport may be starting on it; try again or set RAPPORT_DATA_DIR to another directory.`,
  );
};

const dynamoPidFile = (dir: string) => join(dir, 'dynamodb-local.pid');

/** Remembers DynamoDB Local's Java process, for after an unclean stop. */
export const recordDynamoDbPid = (dir: string, pid: number | undefined) => {
  if (pid !== undefined) writeFileSync(dynamoPidFile(dir), `${pid}\n`);
};

export const forgetDynamoDbPid = (dir: string) => {
  try {
    unlinkSync(dynamoPidFile(dir));
  } catch {
    // Already gone.
  }
};

const isOurDynamoDb = (pid: number, dbPath: string) => {
  const argv = commandLine(pid);
  if (!argv?.some((argument) => argument.endsWith('DynamoDBLocal.jar')))
    return false;
  const at = argv.indexOf('-dbPath');
  return at >= 0 && argv[at + 1] === dbPath;
};

/**
 * Stops the DynamoDB Local a killed Rapport left running on this data
 * directory (it would hold its port and files). Only a Java process running
 * DynamoDBLocal.jar on exactly `dbPath` is ever signalled.
 */
export const stopOrphanedDynamoDb = async (dir: string, dbPath: string) => {
  const pid = readPid(dynamoPidFile(dir));
  if (pid !== undefined && isOurDynamoDb(pid, dbPath)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && isOurDynamoDb(pid, dbPath))
      await new Promise((resolve) => setTimeout(resolve, 100));
    if (isOurDynamoDb(pid, dbPath)) process.kill(pid, 'SIGKILL');
    while (isOurDynamoDb(pid, dbPath))
      await new Promise((resolve) => setTimeout(resolve, 100));
  }
  forgetDynamoDbPid(dir);
};
