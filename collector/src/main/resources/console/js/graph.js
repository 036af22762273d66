// A farm as a graph: one node per machine (hostname, roster employee), one edge per pair of
// machines that evidence ties, labelled with every signal that ties them. Plain SVG, circular layout.
import { s, h } from './dom.js';
import { shortLabel, colour } from './evidence.js';

/** Pairs tied by evidence: Map "a|b" (a < b) -> [{signal, value}]. */
export function edges(alert, deviceIds) {
  const inAlert = new Set(deviceIds);
  const pairs = new Map();
  for (const e of alert.evidence || []) {
    const ids = [...new Set((e.deviceIds || []).filter((d) => inAlert.has(d)))].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}|${ids[j]}`;
        if (!pairs.has(key)) pairs.set(key, []);
        if (!pairs.get(key).some((x) => x.signal === e.signal)) pairs.get(key).push({ signal: e.signal, value: e.value });
      }
    }
  }
  return pairs;
}

export function farmGraph(alert, machines, onOpen) {
  const ids = alert.deviceIds || [];
  const byId = new Map(machines.map((m) => [m.machine.deviceId, m]));
  const pairs = edges(alert, ids);
  const n = ids.length;
  const size = Math.max(360, Math.min(900, 140 + n * 28));
  const c = size / 2;
  const r = n === 1 ? 0 : c - 90;
  const pos = new Map(ids.map((id, i) => [id, [c + r * Math.cos((2 * Math.PI * i) / n - Math.PI / 2),
    c + r * Math.sin((2 * Math.PI * i) / n - Math.PI / 2)]]));
  const labelled = pairs.size <= 30;
  const svg = s('svg', { id: 'farm-graph', viewBox: `0 0 ${size} ${size}`, width: size, height: size,
    role: 'img', 'aria-label': `${n} machines, ${pairs.size} ties` });
  const edgeLayer = s('g', { class: 'edges' });
  const signals = new Set();
  for (const [key, ties] of pairs) {
    const [a, b] = key.split('|');
    const [x1, y1] = pos.get(a);
    const [x2, y2] = pos.get(b);
    ties.forEach((t) => signals.add(t.signal));
    const label = ties.map((t) => shortLabel(t.signal)).join(', ');
    edgeLayer.append(s('g', { class: 'edge', dataset: { a, b, signals: ties.map((t) => t.signal).join(',') } },
      s('title', null, `${label}: ${ties.map((t) => t.value).filter(Boolean).join('; ')}`),
      s('line', { x1, y1, x2, y2, stroke: colour(ties[0].signal) }),
      labelled ? s('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, class: 'edge-label' }, label) : null));
  }
  const nodeLayer = s('g', { class: 'nodes' });
  for (const id of ids) {
    const [x, y] = pos.get(id);
    const m = byId.get(id);
    const host = (m && m.machine.hostname) || id;
    nodeLayer.append(s('g', { class: 'node', tabindex: 0, dataset: { deviceId: id }, onclick: () => onOpen(id),
      onkeydown: (ev) => { if (ev.key === 'Enter') onOpen(id); } },
      s('title', null, id),
      s('circle', { cx: x, cy: y, r: 9 }),
      s('text', { x, y: y + 22, class: 'host' }, host),
      m && m.employee ? s('text', { x, y: y + 36, class: 'employee' }, m.employee) : null));
  }
  svg.append(edgeLayer, nodeLayer);
  const legend = h('ul', { class: 'legend' }, [...signals].map((sig) => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = colour(sig);
    return h('li', null, swatch, shortLabel(sig));
  }));
  return h('div', { class: 'graph' }, svg, legend);
}
