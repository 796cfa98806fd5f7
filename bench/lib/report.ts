import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes.ts';

/** One line of the results table: a scenario, what was measured, its target and whether it holds. */
export interface Row {
  /** stable key, e.g. "me" */
  id: string;
  scenario: string;
  result: string;
  target: string;
  /** null: reported, no target */
  met: boolean | null;
  /** a throughput ratio for the chart (ours / yardstick), with its target */
  ratio?: { value: number; target: number; of: string };
  /** every figure behind the line, for the JSON file */
  data: Record<string, unknown>;
}

/** What the run was: database, machine, versions; written with the rows. */
export interface RunInfo {
  db: 'sqlite' | 'postgres';
  startedAt: string;
  seconds: number;
  node: string;
  cpus: string;
  command: string;
}

export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
export const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
export const perSecond = (x: number) => `${Math.round(x).toLocaleString('en')}/s`;

const mark = (met: boolean | null) => (met === null ? '—' : met ? 'met' : '**missed**');

/** The Markdown table README shows. */
export function markdown(info: RunInfo, rows: readonly Row[]): string {
  const lines = [
    `Measured ${info.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${info.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ` +
      `${info.cpus}, Node ${info.node}, in ${Math.round(info.seconds)} s by \`${info.command}\`.`,
    '',
    '| scenario | result | target | |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.scenario} | ${r.result} | ${r.target} | ${mark(r.met)} |`),
  ];
  return lines.join('\n') + '\n';
}

/** The chart's label of a row: short enough for its column. */
function shortLabel(row: Row): string {
  const text = (CHART_LABELS[row.id] ?? row.scenario).replace(/`/g, '');
  return text.length > 44 ? `${text.slice(0, 43)}…` : text;
}

const CHART_LABELS: Record<string, string> = {
  'peer-session': 'our GET /me vs Better Auth get-session',
  'peer-sign-in': 'our login vs Better Auth sign-in',
  'check-ins': 'GET /api/v1/check-ins?limit=50 (10,000)',
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A horizontal bar chart of every ratio of the run. Ratios differ in scale (a share of the bare
 * route, a multiple of the peer's throughput), so each bar is drawn against its own target: the
 * line at 100 % is the target of every row, and the label says the ratio itself. A dozen SVG
 * elements, written by hand: no charting library needed, and GitHub renders it.
 */
export function chart(info: RunInfo, rows: readonly Row[]): string {
  const bars = rows.filter((r) => r.ratio);
  const W = 820;
  const label = 330;
  const barW = W - label - 90;
  const rowH = 36;
  const top = 64;
  const H = top + bars.length * rowH + 40;
  const max = Math.max(1.25, ...bars.map((r) => Math.min(3, r.ratio!.value / r.ratio!.target)));
  const x = (share: number) => label + (Math.min(share, max) / max) * barW;
  // a share of a yardstick reads as a percentage, a multiple of the peer (targets of 5×, 15×) as "N.N×"
  const fmt = (v: number, target: number) => (target >= 2 ? `${v.toFixed(1)}×` : pct(v));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="13">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="12" y="24" font-size="15" font-weight="600">Baseline on ${info.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ratios against their yardsticks, ${info.startedAt.slice(0, 10)}</text>`,
    `<text x="12" y="44" fill="#555" font-size="12">Bar length: the ratio as a share of its target (black line = target met). Label: ratio / target.</text>`,
  ];
  bars.forEach((r, i) => {
    const y = top + i * rowH;
    const ratio = r.ratio!;
    const share = ratio.value / ratio.target;
    const colour = share >= 1 ? '#2f9e44' : '#e8590c';
    parts.push(
      `<text x="${label - 8}" y="${y + 14}" text-anchor="end">${escape(shortLabel(r))}</text>`,
      `<text x="${label - 8}" y="${y + 28}" text-anchor="end" fill="#666" font-size="11">of ${escape(ratio.of)}</text>`,
      `<rect x="${label}" y="${y + 5}" width="${Math.max(1, x(share) - label).toFixed(1)}" height="20" fill="${colour}" rx="2"/>`,
      `<text x="${(x(share) + 6).toFixed(1)}" y="${y + 20}" stroke="#fff" stroke-width="4" paint-order="stroke">${fmt(ratio.value, ratio.target)} / ${fmt(ratio.target, ratio.target)}</text>`,
    );
  });
  const axisY = top + bars.length * rowH + 6;
  parts.push(
    `<line x1="${x(1).toFixed(1)}" x2="${x(1).toFixed(1)}" y1="${top - 4}" y2="${axisY}" stroke="#222" stroke-width="2"/>`,
    `<line x1="${label}" x2="${label + barW}" y1="${axisY}" y2="${axisY}" stroke="#999"/>`,
  );
  for (const v of [0, 0.5, 1, 1.5, 2, 2.5, 3].filter((v) => v <= max)) {
    parts.push(
      `<text x="${x(v).toFixed(1)}" y="${axisY + 16}" text-anchor="middle" fill="#666" font-size="11">${v * 100} % of target</text>`.replace(
        /(\d+) % of target/,
        v === 1 ? 'target' : '$1 %',
      ),
    );
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/**
 * Writes bench/results/<name>.{md,json,svg} and returns the paths; name is the database for a
 * full run, and the database and scenarios of a partial one (so it never overwrites a full run's).
 */
export function writeResults(
  info: RunInfo,
  rows: readonly Row[],
  name: string,
): { md: string; json: string; svg: string } {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const paths = { md: join(dir, `${name}.md`), json: join(dir, `${name}.json`), svg: join(dir, `${name}.svg`) };
  writeFileSync(paths.md, markdown(info, rows));
  writeFileSync(paths.json, JSON.stringify({ ...info, rows }, null, 2) + '\n');
  writeFileSync(paths.svg, chart(info, rows));
  return paths;
}

/**
 * Puts the table between README's `<!-- bench:<db> -->` and `<!-- /bench:<db> -->` markers, so
 * that README shows the latest full run. Only a full run does this (a partial run would leave
 * rows out).
 */
export function updateReadme(info: RunInfo, rows: readonly Row[]): boolean {
  const path = join(ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const open = `<!-- bench:${info.db} -->`;
  const close = `<!-- /bench:${info.db} -->`;
  const a = readme.indexOf(open);
  const b = readme.indexOf(close);
  if (a < 0 || b < a) return false;
  writeFileSync(path, readme.slice(0, a + open.length) + '\n' + markdown(info, rows) + readme.slice(b));
  return true;
}
