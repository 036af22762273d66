// One alert: its summary and evidence in plain words, its machines as a graph, their activity,
// the triage history and actions, and the case-file exports.
import * as api from './api.js';
import { h, clear, table, time, download, errorBox } from './dom.js';
import { sentence } from './evidence.js';
import { farmGraph } from './graph.js';
import { strip } from './activity.js';

const ACTIONS = [
  ['ACKNOWLEDGED', 'Acknowledge'],
  ['CLOSED_TRUE_POSITIVE', 'Close: true positive'],
  ['CLOSED_FALSE_POSITIVE', 'Close: false positive'],
  ['OPEN', 'Reopen'],
];

function hostOf(byId, id) {
  const m = byId.get(id);
  return m && m.machine.hostname ? `${m.machine.hostname} (${id})` : id;
}

function evidenceList(alert, byId) {
  return h('ol', { id: 'evidence' }, (alert.evidence || []).map((e) => h('li', { dataset: { signal: e.signal } },
    h('strong', null, (e.deviceIds || []).length > 1 ? `${e.deviceIds.length} machines ` : 'The machine '),
    sentence(e.signal, (e.deviceIds || []).length),
    e.value ? h('span', null, ': ', h('code', null, e.value)) : null,
    h('span', { class: `strength ${e.strength}` }, e.strength),
    h('div', { class: 'muted' }, (e.deviceIds || []).map((d) => hostOf(byId, d)).join(', ')),
    e.detail ? h('div', { class: 'detail' }, e.detail) : null,
    h('div', { class: 'muted' }, `${time(e.firstSeen)} – ${time(e.lastSeen)}`))));
}

function historyTable(alert) {
  const rows = api.history(alert).map((x) => h('tr', null,
    h('td', null, time(x.at)), h('td', null, x.by || ''), h('td', null, x.status || ''), h('td', null, x.comment || '')));
  return rows.length ? table(['When', 'Who', 'Status', 'Comment'], rows, { id: 'history' })
    : h('p', { class: 'muted', id: 'history' }, 'No triage yet.');
}

function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet: the field is quoted and prefixed.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function machinesCsv(machines) {
  const head = ['deviceId', 'hostname', 'employee', 'serial', 'lastSeen', 'lastEgress', 'gatewayMacs', 'revoked'];
  const lines = machines.map((m) => [m.machine.deviceId, m.machine.hostname, m.employee,
    m.machine.summary && m.machine.summary.serial, m.machine.lastSeen, m.machine.lastEgress,
    ((m.machine.summary && m.machine.summary.gatewayMacs) || []).join(' '), m.machine.revoked].map(csvField).join(','));
  return `${head.join(',')}\r\n${lines.join('\r\n')}\r\n`;
}

function triageForm(alert, onDone) {
  const comment = h('textarea', { id: 'triage-comment', rows: 2, cols: 60, maxlength: 4000, placeholder: 'comment' });
  const problem = h('p', { class: 'error', role: 'alert' });
  return h('div', { id: 'triage', class: 'card' }, h('h2', null, 'Triage'), comment, h('div', null,
    ACTIONS.filter(([status]) => status !== alert.status).map(([status, label]) => h('button', {
      type: 'button', dataset: { status },
      onclick: async () => {
        try {
          await api.triage(alert.id, status, comment.value.trim());
          onDone();
        } catch (e) {
          problem.textContent = e.message;
        }
      },
    }, label))), problem);
}

export async function alertPage(main, id) {
  clear(main).append(h('p', { class: 'muted' }, 'Loading alert…'));
  const [alert, machinesPage, activity] = await Promise.all([
    api.getAlert(id), api.alertMachines(id), api.alertActivity(id, 14).catch((e) => e)]);
  const machines = machinesPage.machines;
  const byId = new Map(machines.map((m) => [m.machine.deviceId, m]));
  const open = (deviceId) => { location.hash = `#/machines/${encodeURIComponent(deviceId)}`; };
  const exports = h('div', { class: 'exports' },
    h('button', { type: 'button', id: 'export-json', onclick: () => download(`${alert.id}.json`, 'application/json',
      JSON.stringify({ alert, history: api.history(alert), machines, exportedAt: new Date().toISOString() }, null, 2)) },
    'Export case file (JSON)'),
    h('button', { type: 'button', id: 'export-csv', onclick: () => download(`${alert.id}-machines.csv`, 'text/csv',
      machinesCsv(machines)) }, 'Export machines (CSV)'));
  let activitySection;
  if (activity instanceof Error) {
    activitySection = errorBox(new Error(`Activity history unavailable: ${activity.message}`));
  } else {
    const rows = activity.devices.map((d) => ({ label: (byId.get(d.deviceId)?.machine.hostname) || d.deviceId, days: d.days }));
    activitySection = h('div', { class: 'scroll' }, strip(rows, activity.fromDay, activity.toDay, 10));
  }
  clear(main).append(
    h('p', null, h('a', { href: '#/alerts' }, '← Alerts')),
    h('h1', null, h('span', { class: `sev ${alert.severity.toLowerCase()}` }, alert.severity), ' ', alert.kind),
    h('p', { id: 'summary', class: 'summary' }, alert.summary),
    h('dl', { class: 'facts' },
      h('dt', null, 'ID'), h('dd', { id: 'alert-id' }, alert.id),
      h('dt', null, 'Status'), h('dd', { id: 'alert-status' }, alert.status),
      h('dt', null, 'Score'), h('dd', null, String(alert.score)),
      h('dt', null, 'First seen'), h('dd', null, time(alert.firstSeen)),
      h('dt', null, 'Last seen'), h('dd', null, time(alert.lastSeen))),
    exports,
    h('h2', null, 'Evidence'), evidenceList(alert, byId),
    h('section', null, (alert.deviceIds || []).length > 1
      ? [h('h2', null, 'What ties the machines'), farmGraph(alert, machines, open)] : null),
    h('h2', null, 'Machines'),
    table(['Hostname', 'Employee', 'Device', 'Last seen', 'Egress'], machines.map((m) => h('tr', null,
      h('td', null, h('a', { href: `#/machines/${encodeURIComponent(m.machine.deviceId)}` }, m.machine.hostname || '(none)')),
      h('td', null, m.employee || ''), h('td', null, h('code', null, m.machine.deviceId)),
      h('td', null, time(m.machine.lastSeen)), h('td', null, m.machine.lastEgress || ''))), { id: 'alert-machines' }),
    h('h2', null, 'Activity, last 14 days (10 minutes a pixel; red: remote session)'), activitySection,
    h('h2', null, 'Triage history'), historyTable(alert),
    triageForm(alert, () => alertPage(main, id)));
  performance.mark('fw:alert-rendered');
  document.body.dataset.rendered = 'alert';
}
