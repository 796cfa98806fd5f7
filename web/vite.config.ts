import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes `.br` and `.gz` siblings of every text asset after the build, so the server sends
 * them as they are (@fastify/static's preCompressed) instead of compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'baseline-precompress',
    apply: 'build',
    // after every chunk and asset is on disk
    writeBundle(options) {
      const outDir = options.dir ?? join(here, 'dist');
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|webmanifest|txt)$/.test(file)) continue;
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: here,
  plugins: [react(), precompress()],
  resolve: {
    alias: { '@client': join(here, '../client'), '@contract': join(here, '../contract') },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  // `npm run dev:web`: the dashboard with hot reload, its API calls sent to a server started separately
  server: { proxy: { '/api': process.env.BASELINE_API ?? 'http://127.0.0.1:8080' } },
});
