import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; Playwright downloads none. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchChromium = () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: run apt-get install chromium (or set CHROMIUM_PATH).`,
    );
  }

  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
};
