// The alerts queue: filters, counts, server-side pages, and the keyboard (j/k to move, Enter or o
// to open, / to filter by machine, n/p for the next and previous page).
import * as api from './api.js';
import { h, clear, table, time } from './dom.js';

let keyHandler = null;

function filtersFromHash() {
  const q = new URLSearchParams((location.hash.split('?')[1]) || '');
  return Object.fromEntries(['status', 'kind', 'severity', 'device', 'since', 'sort', 'cursor'].map((k) => [k, q.get(k) || '']));
}

function go(f) {
  const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
  location.hash = `#/alerts${q.toString() ? `?${q}` : ''}`;
}

function select(name, label, values, current) {
  return h('label', null, `${label} `, h('select', { name },
    h('option', { value: '' }, 'any'),
    values.map((v) => h('option', { value: v, selected: v === current }, v))));
}

function counts(page) {
  const c = page.counts || {
    bySeverity: page.alerts.reduce((m, a) => ({ ...m, [a.severity]: (m[a.severity] || 0) + 1 }), {}),
    byKind: page.alerts.reduce((m, a) => ({ ...m, [a.kind]: (m[a.kind] || 0) + 1 }), {}),
  };
  const chips = (title, map) => h('div', { class: 'chips' }, h('span', { class: 'muted' }, title),
    Object.entries(map || {}).map(([k, v]) => h('span', { class: `chip ${k.toLowerCase()}` }, `${k} ${v}`)));
  return h('div', { id: 'counts' }, chips(page.counts ? 'all:' : 'this page:', c.bySeverity), chips('', c.byKind));
}

export async function alertsPage(main) {
  const f = filtersFromHash();
  const form = h('form', { id: 'alert-filters', class: 'filters' },
    select('status', 'Status', api.STATUSES, f.status),
    select('kind', 'Kind', api.KINDS, f.kind),
    select('severity', 'Severity', api.SEVERITIES, f.severity),
    h('label', null, 'Machine ', h('input', { name: 'device', value: f.device, size: 14, placeholder: 'device id' })),
    h('label', null, 'Seen since ', h('input', { name: 'since', type: 'datetime-local', value: f.since.slice(0, 16) })),
    h('label', null, 'Order ', h('select', { name: 'sort' },
      h('option', { value: '' }, 'newest first'),
      h('option', { value: 'severity', selected: f.sort === 'severity' }, 'highest first'))),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    if (data.since) data.since = new Date(data.since).toISOString();
    go(data);
  });
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading alerts…'));
  clear(main).append(h('h1', null, 'Alerts'), form, body);
  const page = await api.listAlerts({ ...f, limit: 50 });
  const rows = page.alerts.map((a) => h('tr', { tabindex: -1, dataset: { alertId: a.id },
    onclick: () => { location.hash = `#/alerts/${encodeURIComponent(a.id)}`; } },
    h('td', null, h('span', { class: `sev ${a.severity.toLowerCase()}` }, a.severity)),
    h('td', null, a.kind),
    h('td', null, h('a', { href: `#/alerts/${encodeURIComponent(a.id)}` }, a.summary || a.id)),
    h('td', { class: 'num' }, (a.deviceIds || []).length),
    h('td', null, a.status),
    h('td', null, time(a.lastSeen))));
  const pager = h('div', { class: 'pager' },
    f.cursor ? h('button', { type: 'button', onclick: () => history.back() }, '← Previous (p)') : null,
    page.next !== null && page.next !== undefined
      ? h('button', { type: 'button', id: 'next-page', onclick: () => go({ ...f, cursor: String(page.next) }) }, 'Next (n) →')
      : null);
  clear(body).append(counts(page),
    rows.length ? table(['Severity', 'Kind', 'Summary', 'Machines', 'Status', 'Last seen'], rows, { id: 'alerts' })
      : h('p', { class: 'muted', id: 'no-alerts' }, 'No alerts match.'),
    pager, h('p', { class: 'muted keys' }, 'Keys: j/k move, Enter opens, / filters by machine, n/p pages.'));
  let at = -1;
  const move = (d) => {
    if (!rows.length) return;
    at = Math.max(0, Math.min(rows.length - 1, at + d));
    rows.forEach((r, i) => r.classList.toggle('selected', i === at));
    rows[at].focus();
  };
  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = (ev) => {
    if (!document.getElementById('alerts') && !document.getElementById('no-alerts')) {
      document.removeEventListener('keydown', keyHandler);
      return;
    }
    if (ev.target.matches('input, select, textarea')) return;
    if (ev.key === 'j') move(1);
    else if (ev.key === 'k') move(-1);
    else if ((ev.key === 'Enter' || ev.key === 'o') && at >= 0) rows[at].click();
    else if (ev.key === '/') { ev.preventDefault(); form.elements.device.focus(); }
    else if (ev.key === 'n') document.getElementById('next-page')?.click();
    else if (ev.key === 'p' && f.cursor) history.back();
    else return;
    ev.preventDefault();
  };
  document.addEventListener('keydown', keyHandler);
  performance.mark('fw:alerts-rendered');
  document.body.dataset.rendered = 'alerts';
}
