// The fleet: machines by hostname, device ID, serial or employee; silent agents; and roster
// entries that never enrolled (issued laptops without an agent).
import * as api from './api.js';
import { h, clear, table, time } from './dom.js';

export async function fleetPage(main) {
  const q = new URLSearchParams(location.hash.split('?')[1] || '').get('q') || '';
  const input = h('input', { id: 'fleet-q', name: 'q', value: q, size: 40, placeholder: 'hostname, device ID, serial or employee' });
  const form = h('form', { class: 'filters' }, input, h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `#/fleet${input.value ? `?q=${encodeURIComponent(input.value)}` : ''}`;
  });
  clear(main).append(h('h1', null, 'Fleet'), form, h('p', { class: 'muted' }, 'Loading…'));
  const page = await api.fleet(q);
  const silent = page.machines.filter((m) => m.silent);
  const rows = page.machines.map((m) => h('tr', { class: m.silent ? 'silent' : null },
    h('td', null, h('a', { href: `#/machines/${encodeURIComponent(m.machine.deviceId)}` }, m.machine.hostname || '(none)')),
    h('td', null, m.employee || ''), h('td', null, h('code', null, m.machine.deviceId)),
    h('td', null, (m.machine.summary && m.machine.summary.serial) || ''),
    h('td', null, time(m.machine.lastSeen)),
    h('td', null, m.machine.revoked ? 'revoked' : m.silent ? 'SILENT' : 'reporting')));
  clear(main).append(h('h1', null, 'Fleet'), form,
    h('p', null, `${page.machines.length}${page.more ? '+' : ''} machines, ${silent.length} silent, `
      + `${page.unenrolled.length} roster entries never enrolled.`),
    table(['Hostname', 'Employee', 'Device', 'Serial', 'Last seen', 'State'], rows, { id: 'fleet' }),
    h('h2', null, 'On the roster, never enrolled'),
    page.unenrolled.length ? table(['Device key', 'Employee', 'Country', 'Time zone'], page.unenrolled.map((r) => h('tr', null,
      h('td', null, r.deviceKey), h('td', null, r.employee || ''), h('td', null, r.claimedCountry || ''),
      h('td', null, r.claimedTimezone || ''))), { id: 'unenrolled' }) : h('p', { class: 'muted', id: 'unenrolled' }, 'none'));
  document.body.dataset.rendered = 'fleet';
}
