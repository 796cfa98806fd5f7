import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { DASHBOARD_PATHS } from '../../contract/web.ts';
import { errors } from '../errors.ts';

/** Where Vite writes the dashboard, relative to this file rather than the working folder, so `npm start` works from anywhere. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Vite's content-hashed files: a new build gets new names, so a browser may keep these forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html, the manifest, icons, sw.js: names that stay, so the browser must revalidate each time. */
const REVALIDATE = 'no-cache';

const notBuilt = () => errors.dashboardNotBuilt();

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The route that serves index.html for a dashboard path: exact paths as they are, prefixes ("/settings/") with a wildcard. */
function routeOf(path: string): string {
  return path !== '/' && path.endsWith('/') ? `${path}*` : path;
}

/**
 * Serves the built dashboard from `root`. Every file under it is served from the site's root
 * (favicon, manifest, icons, sw.js, /assets/…), with the precompressed `.br` / `.gz` sibling
 * when the browser accepts it. Only the dashboard's own paths (contract/web.ts) answer
 * index.html, so a mistyped URL is a 404 rather than a page, and nothing under /api/ is ever
 * looked up on disk: an unknown API path keeps its JSON not_found. The folder is read on each
 * request, so building the dashboard while the server runs needs no restart; until then the
 * dashboard's paths answer 503 dashboard_not_built.
 */
export const webPlugin: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  const index = join(root, 'index.html');
  if (!(await isFile(index)))
    app.log.warn({ webRoot: root }, 'the web dashboard is not built (no index.html): run `npm run build:web`');

  // @fastify/static adds its own file routes (GET and HEAD /*) and passes no route config on: the
  // access check of auth.plugin.ts would stop the start. This hook marks public exactly the routes
  // added while that plugin registers (the dashboard's files are for anyone), and no other route.
  let addingFileRoutes = true;
  app.addHook('onRoute', (route) => {
    if (addingFileRoutes) route.config = { ...route.config, action: 'public' };
  });
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: false,
    preCompressed: true,
    cacheControl: false,
    dotfiles: 'ignore',
    suppressWarning: true,
    allowedPath: (path) => !path.startsWith('/api/'),
    setHeaders: (reply: FastifyReply, file: string) => {
      reply.header('cache-control', relative(root, file).startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE);
    },
  });
  addingFileRoutes = false;

  for (const path of DASHBOARD_PATHS) {
    app.get(routeOf(path), { schema: { hide: true }, config: { action: 'public' } }, async (_request, reply) => {
      if (!(await isFile(index))) throw notBuilt();
      return reply.sendFile('index.html');
    });
  }
};
