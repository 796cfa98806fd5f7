import { spawn, type ChildProcess } from 'node:child_process';

/** A redis-server of a test's own, which the test may stop and start again on the same port. */
export interface RedisServer {
  url: string;
  port: number;
  /** SIGKILL: the outage a crash or a lost host looks like; resolves once the process is gone */
  kill(): Promise<void>;
  /** starts it again on the same port, empty (no persistence) */
  restart(): Promise<void>;
  /** SIGSTOP: a Redis that hangs — its connections stay open, nothing is answered */
  pause(): void;
  /** SIGCONT: it answers what it was sent meanwhile, and goes on */
  resume(): void;
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', (err) =>
      reject(new Error(`redis-server could not be started (apt-get install redis-server): ${err.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
    child.stdout?.on('data', (d) => {
      output += d;
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.stderr?.on('data', (d) => (output += d));
  });
  return child;
}

/** Starts redis-server on the given port (a free one, from ports.ts) and resolves once it accepts connections. */
export async function startRedisServer(port: number): Promise<RedisServer> {
  let child = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
    restart: async () => {
      child = await launch(port);
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}
