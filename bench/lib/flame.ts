import { readFileSync } from 'node:fs';

/** The parts of V8's .cpuprofile format the flame graph reads. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
}

interface Frame {
  name: string;
  url: string;
  total: number;
  children: Frame[];
}

/** Shortens a frame's URL to what a reader needs: our own path, or the package it comes from. */
function where(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/(server|bench|contract)\/(.+)$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return url.startsWith('node:') ? url : url.split('/').slice(-1)[0] || '(native)';
}

function colour(frame: Frame): string {
  if (/^(server|contract)\//.test(frame.url)) return '#f08c00';
  if (frame.url.startsWith('node:') || frame.url === '(native)') return '#adb5bd';
  if (frame.name === '(garbage collector)' || frame.name === '(program)') return '#ced4da';
  return '#4dabf7';
}

/** Builds the call tree with inclusive sample counts, leaving out the idle time. */
function tree(profile: CpuProfile): Frame {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const build = (node: ProfileNode): Frame => {
    const children = (node.children ?? []).map((id) => build(byId.get(id)!)).filter((c) => c.name !== '(idle)');
    return {
      name: node.callFrame.functionName || '(anonymous)',
      url: where(node.callFrame.url),
      total: (node.hitCount ?? 0) + children.reduce((s, c) => s + c.total, 0),
      children: children.sort((a, b) => b.total - a.total),
    };
  };
  return build(profile.nodes[0]);
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A flame graph (root at the top, an icicle) of a V8 CPU profile as a static SVG: the width of a
 * frame is its share of the busy samples; our code orange, packages blue, Node grey. Frames
 * narrower than a pixel are left out. Hovering a frame shows its name, file and share.
 */
export function flameGraph(path: string, title: string): string {
  const root = tree(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile);
  const W = 1200;
  const rowH = 17;
  const top = 40;
  const rects: string[] = [];
  let depthMax = 0;
  const draw = (frame: Frame, x: number, width: number, depth: number) => {
    if (width < 1) return;
    depthMax = Math.max(depthMax, depth);
    const y = top + depth * rowH;
    const share = ((frame.total / root.total) * 100).toFixed(1);
    const label = `${frame.name} ${frame.url}`;
    const fits = Math.floor((width - 6) / 6.5);
    rects.push(
      `<g><title>${escape(`${label} — ${share} %`)}</title><rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${rowH - 1}" fill="${colour(frame)}" rx="1"/>` +
        (fits > 3
          ? `<text x="${(x + 3).toFixed(1)}" y="${y + 12}">${escape(label.length > fits ? label.slice(0, fits - 1) + '…' : label)}</text>`
          : '') +
        '</g>',
    );
    let cx = x;
    for (const child of frame.children) {
      const w = (child.total / frame.total) * width;
      draw(child, cx, w, depth + 1);
      cx += w;
    }
  };
  draw({ ...root, name: 'all busy samples' }, 0, W, 0);
  const H = top + (depthMax + 1) * rowH + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="ui-monospace, monospace" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="4" y="18" font-family="system-ui, sans-serif" font-size="14" font-weight="600">${escape(title)}</text>`,
    `<text x="4" y="33" font-family="system-ui, sans-serif" font-size="11" fill="#555">${root.total.toLocaleString('en')} busy samples; width = share of them; orange: Baseline, blue: packages, grey: Node and V8</text>`,
    ...rects,
    '</svg>',
  ].join('\n');
}

/** The files of a .cpuprofile list, largest first (the longest-lived process of a run). */
export function largestFirst(paths: string[]): string[] {
  return paths
    .map((p) => ({ p, n: readFileSync(p).length }))
    .sort((a, b) => b.n - a.n)
    .map(({ p }) => p);
}
