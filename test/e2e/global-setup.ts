import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb } from '../../scripts/build-web.ts';
import { cleanLogDir } from '../helpers/log-capture.ts';
import { CHROMIUM } from './harness.ts';

/**
 * The browser suite tests the dashboard built from the current sources, into a folder of
 * its own (the servers it starts get WEB_ROOT), so that a build in web/dist running at the same
 * time — `npm start`, another test run — cannot change the files under a test.
 */
export default async function setup() {
  cleanLogDir(); // the run's logs, grepped for secrets afterwards (test/helpers/log-capture.ts)
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium).`);
  const dir = mkdtempSync(join(tmpdir(), 'baseline-e2e-web-'));
  await buildWeb(dir);
  process.env.WEB_ROOT = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
