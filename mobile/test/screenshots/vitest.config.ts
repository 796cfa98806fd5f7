import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The app's web-build screenshots (`npm run test:mobile-screens` at the root), run by the
 * root's vitest with playwright-core and Debian's Chromium like the dashboard's browser suite.
 * The file is named *.e2e.ts so that mobile's jest (which runs *.test.tsx) leaves it alone.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  test: {
    include: ['mobile/test/screenshots/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
