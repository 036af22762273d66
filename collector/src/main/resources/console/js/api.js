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
  'AGENT_SILENT', 'SHARED_OPERATOR', 'WORKING_HOURS', 'EGRESS', 'SHARED_EXIT', 'ROUND_TRIP'];

/**
 * A page of alerts: { alerts, next, counts }, filtered, sorted and paged by the server. `cursor` is
 * whatever the previous page's `next` was; counts cover every alert the filters match.
 */
export async function listAlerts(f = {}) {
  const limit = f.limit || 50;
  // "Seen since" is the alert's last sighting: the API's "from".
  const filters = { status: f.status, kind: f.kind, severity: f.severity, device: f.device, from: f.since };
  const [page, counts] = await Promise.all([
    call('GET', `/api/v1/alerts${query({
      ...filters, limit, sort: f.sort === 'severity' ? 'SEVERITY' : undefined, cursor: f.cursor,
    })}`),
    call('GET', `/api/v1/alerts/counts${query(filters)}`),
  ]);
  return { alerts: page.alerts, next: page.next, counts };
}

/** One alert with its triage history and machines. */
export const getAlert = (id) => call('GET', `/api/v1/alerts/${enc(id)}`);

/** The alert's triage history, oldest first, as the console shows it. */
export function history(alert) {
  return (alert.history || []).slice().reverse().map((x) => ({
    at: x.at, by: x.actorName, byKeyId: x.actorId, status: x.to, comment: x.comment, action: x.action,
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
