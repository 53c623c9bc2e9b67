import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createWorkspace,
  newApiKey,
  readWorkspace,
  registerApiKey,
} from '@rapport/core';

/** The workspace `npm start` serves; one per local table. */
export const developmentWorkspaceId = 'ws_development';

/**
 * Makes sure the development workspace exists and answers its API key: the
 * one given, else the one kept in the data directory, else a new one that
 * is kept there for the next start.
 */
export const ensureDevelopmentWorkspace = async (options: {
  apiKey?: string;
  dataDir?: string;
}): Promise<{ workspaceId: string; apiKey: string }> => {
  const keyFile = options.dataDir && join(options.dataDir, 'api-key');
  const apiKey =
    options.apiKey ??
    (keyFile && existsSync(keyFile)
      ? readFileSync(keyFile, 'utf8').trim()
      : newApiKey());

  if (!(await readWorkspace(developmentWorkspaceId))) {
    await createWorkspace('Development', {
      workspaceId: developmentWorkspaceId,
      apiKey,
    });
  } else {
    await registerApiKey(developmentWorkspaceId, apiKey);
  }
  if (keyFile && !options.apiKey)
    writeFileSync(keyFile, `${apiKey}\n`, { mode: 0o600 });

  return { workspaceId: developmentWorkspaceId, apiKey };
};
