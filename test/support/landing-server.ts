import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const pages = join(import.meta.dirname, '../e2e/pages');

/** Serves the landing page fixtures; the form posts to `state.action`. */
export const serveLandingPages = async () => {
  const state = { action: '' };
  const server = createServer((request, response) => {
    const name = request.url?.startsWith('/thanks')
      ? 'thanks.html'
      : 'landing.html';
    const html = readFileSync(join(pages, name), 'utf8').replace(
      '__ACTION__',
      state.action,
    );
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    state,
    origin: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
