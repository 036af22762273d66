// One machine: identity and its changes, network position over its reports, open findings,
// peripherals, processes, a 7x24 heat map in the roster's claimed time zone, the report timeline
// and the alerts that name it.
import * as api from './api.js';
import { h, clear, table, time, errorBox } from './dom.js';
import { heatMap } from './activity.js';

const PROCESS_ROWS = 200;

function list(items, fn) {
  return items && items.length ? h('ul', null, items.map((x) => h('li', null, fn(x)))) : h('p', { class: 'muted' }, 'none');
}

function identityChanges(reports) {
  const changes = [];
  let prev = null;
  for (const r of [...reports].reverse()) {
    const hw = r.report.hardware || {};
    const now = { fingerprint: hw.fingerprint, serial: hw.serial, hostname: r.report.device && r.report.device.hostname };
    if (prev) {
      for (const k of Object.keys(now)) {
        if (now[k] !== prev[k]) changes.push(h('tr', null, h('td', null, time(r.receivedAt)), h('td', null, k),
          h('td', null, prev[k] || ''), h('td', null, now[k] || '')));
      }
    }
    prev = now;
  }
  return changes.length ? table(['When', 'What', 'Was', 'Now'], changes) : h('p', { class: 'muted' }, 'No changes in the recent reports.');
}

export async function machinePage(main, id) {
  clear(main).append(h('p', { class: 'muted' }, 'Loading machine…'));
  const [detail, activity, alerts] = await Promise.all([api.machine(id), api.machineActivity(id, 28).catch((e) => e),
    api.listAlerts({ device: id, limit: 200 })]);
  const m = detail.machine;
  const reports = detail.reports || [];
  const latest = reports.length ? reports[0].report : {};
  const hw = latest.hardware || {};
  const net = latest.network || {};
  const per = latest.peripherals || {};
  const roster = activity instanceof Error ? null : activity.machine.roster;
  const zone = (roster && roster.claimedTimezone) || (latest.locale && latest.locale.timezone) || 'UTC';
  const summary = m.summary || {};
  const processes = (latest.processes || []).slice(0, PROCESS_ROWS);
  clear(main).append(
    h('p', null, h('a', { href: '#/fleet' }, '← Fleet')),
    h('h1', { id: 'machine-hostname' }, m.hostname || '(no hostname)'),
    h('dl', { class: 'facts' },
      h('dt', null, 'Device'), h('dd', null, h('code', null, m.deviceId)),
      h('dt', null, 'Employee'), h('dd', null, roster ? `${roster.employee || ''} (${roster.claimedCountry || '?'}, ${roster.claimedTimezone || '?'})` : 'not on the roster'),
      h('dt', null, 'Hardware'), h('dd', null, [hw.vendor, hw.model].filter(Boolean).join(' ') || '—'),
      h('dt', null, 'Serial'), h('dd', null, hw.serial || summary.serial || '—'),
      h('dt', null, 'Fingerprint'), h('dd', null, h('code', null, hw.fingerprint || summary.fingerprint || '—')),
      h('dt', null, 'OS'), h('dd', null, summary.os || '—'),
      h('dt', null, 'Agent'), h('dd', null, `${m.agentVersion || '?'}, enrolled ${time(m.enrolledAt)}${m.revoked ? ', REVOKED' : ''}`),
      h('dt', null, 'Last seen'), h('dd', null, `${time(m.lastSeen)} from ${m.lastEgress || '?'}`)),
    h('h2', null, 'Identity changes'), identityChanges(reports),
    h('h2', null, 'Network position over time'),
    table(['Received', 'Egress', 'Gateways', 'Wi-Fi'], reports.map((r) => {
      const n = r.report.network || {};
      return h('tr', null, h('td', null, time(r.receivedAt)), h('td', null, r.egress || ''),
        h('td', null, (n.defaultGateways || []).map((g) => `${g.address || ''} ${g.mac || ''}`).join(', ')),
        h('td', { class: 'wifi' }, (n.wifi || []).map((w) => `${w.ssid || ''} (${w.bssid || ''})`).join(', ')));
    }), { id: 'network' }),
    h('h2', null, 'Open findings'),
    list(summary.openFindings || latest.findings, (f) => [h('strong', null, `${f.severity} ${f.kind} `), f.name || '', ' — ', f.reason || '']),
    h('h2', null, 'Peripherals'),
    h('h3', null, 'USB'), list(per.usb, (u) => `${u.manufacturer || ''} ${u.product || ''} [${u.vendorId || ''}:${u.productId || ''}]`),
    h('h3', null, 'Displays'), list(per.displays, (d) => `${d.manufacturerId || ''} ${d.productName || ''} ${d.connector || ''}`),
    h('h3', null, 'Input devices'), list(per.inputDevices, (d) => `${d.name || ''} (${d.bus || ''})`),
    h('h2', null, `Activity by weekday and hour in ${zone} (the roster's claimed zone), last 28 days`),
    activity instanceof Error ? errorBox(new Error(`Activity history unavailable: ${activity.message}`)) : heatMap(activity.days, zone),
    h('h2', null, 'Alerts naming it'),
    alerts.alerts.length ? table(['Severity', 'Kind', 'Summary', 'Status'], alerts.alerts.map((a) => h('tr', null,
      h('td', null, a.severity), h('td', null, a.kind),
      h('td', null, h('a', { href: `#/alerts/${encodeURIComponent(a.id)}` }, a.summary || a.id)), h('td', null, a.status))), { id: 'machine-alerts' })
      : h('p', { class: 'muted' }, 'none'),
    h('h2', null, 'Report timeline'),
    table(['Sequence', 'Received', 'Egress', 'Findings', 'Processes'], reports.map((r) => h('tr', null,
      h('td', { class: 'num' }, String(r.sequence)), h('td', null, time(r.receivedAt)), h('td', null, r.egress || ''),
      h('td', { class: 'num' }, String((r.report.findings || []).length)),
      h('td', { class: 'num' }, String((r.report.processes || []).length)))), { id: 'timeline' }),
    h('h2', null, `Processes in the latest report${(latest.processes || []).length > PROCESS_ROWS ? ` (first ${PROCESS_ROWS})` : ''}`),
    table(['Name', 'Path', 'User'], processes.map((p) => h('tr', null,
      h('td', { class: 'process' }, p.name || ''), h('td', null, p.path || ''), h('td', null, p.user || ''))), { id: 'processes' }));
  performance.mark('fw:machine-rendered');
  document.body.dataset.rendered = 'machine';
}
