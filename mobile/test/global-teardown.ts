import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/** Stops the server of global-setup.ts and removes its database. */
export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __baselineServer?: { child: ChildProcess; dir: string } }).__baselineServer;
  if (!server) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
  rmSync(server.dir, { recursive: true, force: true });
}
