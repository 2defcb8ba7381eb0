// Self-contained HTML pages with inline SVG charts: no script, no external file, readable from
// 375 px to wide screens. Shared by `comp doc`, `comp statement`, `comp diff` and `comp model`.
//
// Chart coordinates are JS numbers: they place pixels and never feed an amount back into a
// computation (amounts are decimals, formatted before they reach this module).

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6472; --line: #d8dde6; --accent: #2456a6; --good: #1f7a3a; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
p { margin: 6px 0; }
.sub { color: var(--muted); margin: 0 0 16px; }
.note { color: var(--muted); font-size: 0.9rem; }
.wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 8px 0; }
table { border-collapse: collapse; min-width: 100%; font-size: 0.95rem; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #f4f6f9; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
.pos { color: var(--good); } .neg { color: var(--bad); }
ul.terms { padding-left: 20px; margin: 6px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .k { color: var(--muted); font-size: 0.85rem; }
.card .v { font-size: 1.25rem; font-weight: 700; font-variant-numeric: tabular-nums; }
figure { margin: 12px 0; overflow-x: auto; -webkit-overflow-scrolling: touch; }
figure svg { width: 100%; height: auto; display: block; max-width: 720px; min-width: 540px; }
figure svg.bars { max-width: 560px; min-width: 420px; }
figcaption { color: var(--muted); font-size: 0.9rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; background: #f4f6f9; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); padding-top: 8px; }
@media print { main { max-width: none; } .wrap { overflow: visible; } }
`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface Cell {
  text: string;
  /** Right-aligned number. */
  n?: boolean;
  cls?: string;
}

export function table(head: (string | Cell)[], rows: (string | Cell)[][], opts: { totalLast?: boolean; caption?: string } = {}): string {
  const cell = (c: string | Cell, tag: 'td' | 'th') => {
    const x = typeof c === 'string' ? { text: c } : c;
    const cls = [x.n ? 'n' : '', x.cls ?? ''].filter(Boolean).join(' ');
    return `<${tag}${cls ? ` class="${cls}"` : ''}>${esc(x.text)}</${tag}>`;
  };
  const body = rows.map((r, i) => `<tr${opts.totalLast && i === rows.length - 1 ? ' class="total"' : ''}>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('\n');
  return `<div class="wrap"><table>${opts.caption ? `<caption>${esc(opts.caption)}</caption>` : ''}<thead><tr>${head.map((c) => cell(c, 'th')).join('')}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

export function cards(items: [string, string][]): string {
  return `<div class="cards">${items.map(([k, v]) => `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div></div>`).join('')}</div>`;
}

// ------------------------------------------------------------------ charts

const PALETTE = ['#2456a6', '#d9822b', '#1f7a3a', '#8e44ad', '#b3261e', '#00838f', '#6d4c41'];

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

function round1(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  xFormat: (x: number) => string;
  yFormat: (y: number) => string;
  /** Vertical guide lines (e.g. 100% of quota). */
  guides?: { x: number; label: string }[];
  /** Marked points (e.g. where the rep is now). */
  marks?: { x: number; y: number; label: string }[];
}

/** A line chart as inline SVG: axes with ticks, one path per series, a legend. */
export function lineChart(series: Series[], o: LineChartOptions): string {
  const W = 720;
  const H = 360;
  const L = 84;
  const R = 20;
  const T = 20;
  const B = 56;
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const x0 = Math.min(0, ...xs);
  const x1 = Math.max(...xs, x0 + 1e-9);
  const y0 = Math.min(0, ...ys);
  const y1 = niceMax(Math.max(...ys, 0));
  const sx = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const sy = (y: number) => H - B - ((y - y0) / (y1 - y0 || 1)) * (H - T - B);
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`);
  for (let i = 0; i <= 4; i++) {
    const y = y0 + ((y1 - y0) * i) / 4;
    parts.push(`<line x1="${L}" x2="${W - R}" y1="${round1(sy(y))}" y2="${round1(sy(y))}" stroke="#e3e7ee"/>`);
    parts.push(`<text x="${L - 8}" y="${round1(sy(y) + 4)}" text-anchor="end" font-size="12" fill="#5b6472">${esc(o.yFormat(y))}</text>`);
  }
  const xt = 5;
  for (let i = 0; i <= xt; i++) {
    const x = x0 + ((x1 - x0) * i) / xt;
    parts.push(`<text x="${round1(sx(x))}" y="${H - B + 18}" text-anchor="middle" font-size="12" fill="#5b6472">${esc(o.xFormat(x))}</text>`);
  }
  parts.push(`<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#5b6472"/>`);
  parts.push(`<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#5b6472"/>`);
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle" font-size="13" fill="#1d2330">${esc(o.xLabel)}</text>`);
  parts.push(`<text x="16" y="${(T + H - B) / 2}" text-anchor="middle" font-size="13" fill="#1d2330" transform="rotate(-90 16 ${(T + H - B) / 2})">${esc(o.yLabel)}</text>`);
  for (const g of o.guides ?? []) {
    if (g.x < x0 || g.x > x1) continue;
    parts.push(`<line x1="${round1(sx(g.x))}" x2="${round1(sx(g.x))}" y1="${T}" y2="${H - B}" stroke="#9aa3b2" stroke-dasharray="4 4"/>`);
    parts.push(`<text x="${round1(sx(g.x) + 4)}" y="${T + 12}" font-size="12" fill="#5b6472">${esc(g.label)}</text>`);
  }
  series.forEach((s, i) => {
    if (!s.points.length) return;
    const color = PALETTE[i % PALETTE.length]!;
    const d = s.points.map((p, k) => `${k ? 'L' : 'M'}${round1(sx(p.x))} ${round1(sy(p.y))}`).join(' ');
    parts.push(`<path class="series" d="${d}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round"><title>${esc(s.name)}</title></path>`);
  });
  for (const m of o.marks ?? []) {
    parts.push(`<circle cx="${round1(sx(m.x))}" cy="${round1(sy(m.y))}" r="5" fill="#b3261e"><title>${esc(m.label)}</title></circle>`);
    parts.push(`<text x="${round1(sx(m.x) + 8)}" y="${round1(sy(m.y) - 8)}" font-size="12" fill="#b3261e">${esc(m.label)}</text>`);
  }
  const legend = series.length > 1 ? `<figcaption>${series.map((s, i) => `<span style="color:${PALETTE[i % PALETTE.length]}">■</span> ${esc(s.name)}`).join(' &nbsp; ')}</figcaption>` : '';
  return `<figure><svg role="img" aria-label="${esc(o.title)}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg"><title>${esc(o.title)}</title>${parts.join('')}</svg>${legend}</figure>`;
}

export interface Bar {
  label: string;
  value: number;
  shown: string;
}

/** Horizontal bars (negative values to the left of the axis), one row per item. */
export function barChart(bars: Bar[], title: string): string {
  // narrower than the line charts, so that labels stay readable when a phone scales it down
  const W = 480;
  const row = 28;
  const L = 150;
  const R = 110;
  const H = Math.max(1, bars.length) * row + 16;
  const min = Math.min(0, ...bars.map((b) => b.value));
  const max = Math.max(0, ...bars.map((b) => b.value));
  const span = max - min || 1;
  const sx = (v: number) => L + ((v - min) / span) * (W - L - R);
  const parts: string[] = [`<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`];
  bars.forEach((b, i) => {
    const y = 8 + i * row;
    const a = sx(Math.min(0, b.value));
    const w = Math.max(1, Math.abs(sx(b.value) - sx(0)));
    const color = b.value < 0 ? '#b3261e' : '#2456a6';
    const label = b.label.length > 22 ? b.label.slice(0, 21) + '…' : b.label;
    parts.push(`<text x="${L - 8}" y="${y + 18}" text-anchor="end" font-size="13" fill="#1d2330">${esc(label)}</text>`);
    parts.push(`<path class="bar" d="M${round1(a)} ${y + 4} h${round1(w)} v20 h${round1(-w)} Z" fill="${color}"><title>${esc(`${b.label}: ${b.shown}`)}</title></path>`);
    parts.push(`<text x="${round1(Math.max(sx(b.value), sx(0)) + 6)}" y="${y + 18}" font-size="12" fill="#5b6472">${esc(b.shown)}</text>`);
  });
  parts.push(`<line x1="${round1(sx(0))}" x2="${round1(sx(0))}" y1="4" y2="${H - 4}" stroke="#5b6472"/>`);
  return `<figure><svg class="bars" role="img" aria-label="${esc(title)}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${parts.join('')}</svg></figure>`;
}
