import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';
import { isPortFree } from './port';
import { StartupError } from './startup-error';

export interface SesLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts the SES v2 emulator, whose page at `/` shows every email sent. */
export const startSesLocal = async (options: {
  port: number;
}): Promise<SesLocal> => {
  if (!(await isPortFree(options.port))) {
    throw new StartupError(
      `Port ${options.port} for the SES emulator is taken: stop what uses it or set RAPPORT_SES_PORT to a free port.`,
    );
  }

  // A CommonJS module: under Node's ESM loader its default is `exports`.
  const startSesServer =
    (sesModule as unknown as { default?: typeof sesModule }).default ??
    sesModule;
  const server: Server = await startSesServer({
    host: '127.0.0.1',
    port: options.port,
  });

  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
