import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../server/cli/doctor.settings.ts';
import { loadConfig } from '../../server/config.ts';

/** The variables named in the first column of README's "## Configuration" table. */
function documentedVariables(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('\n## Configuration\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const names = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
  return [...new Set(names)];
}

describe('baseline doctor lists the configuration', () => {
  it('shows every variable of the README table, and none the README does not document', () => {
    const documented = documentedVariables();
    expect(documented.length).toBeGreaterThan(25);
    expect(SETTINGS.map(([name]) => name).sort()).toEqual(documented.sort());
  });

  it('shows each value as the server reads it', () => {
    const config = loadConfig({ LOG_FORMAT: 'pretty', METRICS_PORT: '9100', OVERLOAD_EVENT_LOOP_DELAY: '0' });
    const shown = Object.fromEntries(SETTINGS.map(([name, value]) => [name, value(config)]));
    expect(shown).toMatchObject({ LOG_FORMAT: 'pretty', METRICS_PORT: '9100', OVERLOAD_EVENT_LOOP_DELAY: '0 (off)' });
  });
});
