// Every call the console makes to the collector, in one place: when the alerts API grows
// (detail, filters, cursors, counts, history) only this module changes.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-FarmWatch-CSRF'] = csrfToken;
  const res = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data && data.error, data && data.message);
  return data;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

export async function session() {
  const s = await call('GET', '/api/v1/session');
  csrfToken = s.csrfToken;
  return s;
}

export async function signIn(key) {
  const s = await call('POST', '/api/v1/session', { key });
  csrfToken = s.csrfToken;
  return s;
}

export async function signOut() {
  await call('DELETE', '/api/v1/session');
  csrfToken = null;
}

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
export const STATUSES = ['OPEN', 'ACKNOWLEDGED', 'CLOSED_TRUE_POSITIVE', 'CLOSED_FALSE_POSITIVE', 'RESOLVED', 'MERGED'];
export const KINDS = ['LAPTOP_FARM', 'REMOTE_CONTROL', 'DUPLICATE_HARDWARE', 'HARDWARE_CHANGED', 'LOCALE_MISMATCH',
  'AGENT_SILENT'];

function keep(alert, f) {
  return (!f.status || alert.status === f.status) && (!f.kind || alert.kind === f.kind)
    && (!f.severity || alert.severity === f.severity)
    && (!f.device || (alert.deviceIds || []).some((d) => d.includes(f.device)))
    && (!f.since || alert.lastSeen >= f.since);
}

/**
 * A page of alerts: { alerts, next, counts }. The filters go to the server; the page is also
 * filtered here so the queue is right while the server still ignores some of them. `cursor` is
 * whatever the previous page's `next` was.
 */
export async function listAlerts(f = {}) {
  const limit = f.limit || 50;
  const page = await call('GET', `/api/v1/alerts${query({
    limit, status: f.status, kind: f.kind, severity: f.severity, device: f.device, since: f.since,
    sort: f.sort, cursor: f.cursor, offset: /^\d+$/.test(f.cursor || '') ? f.cursor : undefined,
  })}`);
  const alerts = page.alerts.filter((a) => keep(a, f));
  if (f.sort === 'severity') {
    alerts.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.score - a.score);
  }
  return { alerts, next: page.next, counts: page.counts || null };
}

/** One alert; read from the list where the collector has no GET /api/v1/alerts/{id} yet. */
export async function getAlert(id) {
  try {
    return await call('GET', `/api/v1/alerts/${enc(id)}`);
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 405)) throw e;
  }
  let offset = 0;
  for (;;) {
    const page = await call('GET', `/api/v1/alerts?limit=1000&offset=${offset}`);
    const found = page.alerts.find((a) => a.id === id);
    if (found) return found;
    if (page.next === null || page.next === undefined) throw new ApiError(404, 'not_found', 'no such alert');
    offset = page.next;
  }
}

/** The alert's triage history, oldest first: the API's history where it has one, else its comments. */
export function history(alert) {
  return alert.history || alert.triage || (alert.comments || []).map((c) => ({
    at: c.at, by: c.by, byKeyId: c.byKeyId, status: c.status, comment: c.text,
  }));
}

export const triage = (id, status, comment) =>
  call('PATCH', `/api/v1/alerts/${enc(id)}`, comment ? { status, comment } : { status });
export const alertMachines = (id) => call('GET', `/api/v1/alerts/${enc(id)}/machines`);
export const alertActivity = (id, days) => call('GET', `/api/v1/alerts/${enc(id)}/activity${query({ days })}`);
export const machine = (id) => call('GET', `/api/v1/machines/${enc(id)}`);
export const machineActivity = (id, days) => call('GET', `/api/v1/machines/${enc(id)}/activity${query({ days })}`);
export const fleet = (q) => call('GET', `/api/v1/fleet${query({ q })}`);
export const tokens = () => call('GET', '/api/v1/tokens');
export const createToken = (uses, expires) => call('POST', '/api/v1/tokens', { uses, expires });
export const revokeToken = (id) => call('DELETE', `/api/v1/tokens/${enc(id)}`);
export const apiKeys = () => call('GET', '/api/v1/apikeys');
export const createApiKey = (role, name, expires) =>
  call('POST', '/api/v1/apikeys', expires ? { role, name, expires } : { role, name });
export const revokeApiKey = (id) => call('DELETE', `/api/v1/apikeys/${enc(id)}`);
export const revokeDevice = (id) => call('POST', `/api/v1/devices/${enc(id)}/revoke`);
export const audit = (before) => call('GET', `/api/v1/audit${query({ limit: 100, before })}`);
