import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_BUNDLE } from '../../scripts/build-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UNIT_PATH = join(ROOT, 'deploy/baseline.service');
const UNIT = readFileSync(UNIT_PATH, 'utf8');
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';

/** Every value of a key in the unit (a key may be repeated), comments left out. */
function values(key: string): string[] {
  return UNIT.split('\n')
    .filter((line) => line.startsWith(`${key}=`))
    .map((line) => line.slice(key.length + 1).trim());
}

/** systemd-analyze, which the unit is checked with; Debian's `systemd` package, on CI's image too. */
function analyze(args: string[]): { status: number | null; output: string } {
  if (!existsSync(SYSTEMD_ANALYZE)) {
    throw new Error(`${SYSTEMD_ANALYZE} is missing: install Debian's systemd package to check deploy/baseline.service`);
  }
  const run = spawnSync(SYSTEMD_ANALYZE, args, { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

describe('deploy/baseline.service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes systemd-analyze verify without a single complaint', () => {
    // verify also wants ExecStart's program to exist: node is where this machine has it, the rest as written
    const [program] = values('ExecStart')[0]!.split(/\s+/);
    expect(basename(program!)).toBe('node');
    const copy = join(dir, 'baseline.service');
    writeFileSync(copy, UNIT.replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`));
    const { status, output } = analyze(['verify', copy]);
    // an unknown key or a bad value is only a warning to systemd: any output fails the check
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('runs the command README and package.json start the built server with', () => {
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } })
      .scripts.start;
    const [program, ...args] = values('ExecStart')[0]!.split(/\s+/);
    expect(`${basename(program!)} ${args.join(' ')}`).toBe(start);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`${start}\``);
    // the file it runs, from WorkingDirectory (the checkout), is the one `npm run build:server` writes
    expect(join(ROOT, args[0]!)).toBe(SERVER_BUNDLE);
    expect(values('WorkingDirectory')).toEqual(['/opt/baseline']);
  });

  it('keeps its hardening, and leaves out MemoryDenyWriteExecute (V8 compiles at run time)', () => {
    expect(values('User')).toEqual(['baseline']);
    expect(values('NoNewPrivileges')).toEqual(['yes']);
    expect(values('ProtectSystem')).toEqual(['strict']);
    expect(values('ProtectHome')).toEqual(['yes']);
    expect(values('PrivateTmp')).toEqual(['yes']);
    expect(values('CapabilityBoundingSet')).toEqual(['']);
    expect(values('SystemCallFilter')).toContain('@system-service');
    expect(values('Restart')).toEqual(['on-failure']);
    expect(values('MemoryDenyWriteExecute')).toEqual([]);
    // systemd's own score: 0 is locked down, 10 is none at all; this unit is at 1.5
    const { status, output } = analyze(['security', '--offline=true', '--threshold=20', UNIT_PATH]);
    expect(output).toMatch(/Overall exposure level for baseline\.service: 1\.\d/);
    expect(status).toBe(0);
  });
});
