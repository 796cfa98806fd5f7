import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/baseline.js', import.meta.url));

/**
 * Runs the real `baseline` command in a child process, as an admin would. The given
 * environment replaces the test process's own data-key variables, so a test controls them.
 */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; stdin?: string } = {},
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    delete base.DATA_ENCRYPTION_KEY;
    delete base.NEW_DATA_ENCRYPTION_KEY;
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...base, LOG_LEVEL: 'silent', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
    child.stdin.end(options.stdin ?? '');
  });
}
