import { existsSync } from 'node:fs';
import { buildWebIfStale } from '../../scripts/build-web.ts';
import { CHROMIUM } from './harness.ts';

/** The browser suite tests the dashboard as `npm start` serves it: built from the current sources. */
export default async function setup() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium).`);
  await buildWebIfStale((line) => console.log(line));
}
