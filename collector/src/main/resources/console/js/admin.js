// Admin pages: enrollment tokens, API keys, device revocation and the audit log. The collector
// refuses these calls to analyst keys; the page says so rather than hiding the refusal.
import * as api from './api.js';
import { h, clear, table, time, errorBox } from './dom.js';

function secretBox(label, secret) {
  return h('p', { class: 'secret', role: 'status' }, `${label} (shown once): `, h('code', null, secret));
}

export async function adminPage(main, me) {
  clear(main).append(h('h1', null, 'Admin'), h('p', { class: 'muted' }, 'Loading…'));
  let tokens;
  let keys;
  let audit;
  try {
    [tokens, keys, audit] = await Promise.all([api.tokens(), api.apiKeys(), api.audit()]);
  } catch (e) {
    if (e instanceof api.ApiError && e.status === 403) {
      clear(main).append(h('h1', null, 'Admin'),
        h('p', { class: 'error', id: 'forbidden' }, `${me.name} is an ${me.role}: admin pages need an admin key.`));
      document.body.dataset.rendered = 'admin';
      return;
    }
    throw e;
  }
  const out = h('div', { id: 'admin-output' });
  const done = (node) => { adminPage(main, me).then(() => document.getElementById('admin-output').append(node)); };
  const fail = (e) => out.replaceChildren(errorBox(e));

  const uses = h('input', { type: 'number', min: 1, value: 1, size: 4, name: 'uses' });
  const tokenExpires = h('input', { value: '7d', size: 6, name: 'expires' });
  const tokenForm = h('form', { class: 'filters' }, 'New enrollment token: uses ', uses, ' expires in ', tokenExpires,
    h('button', { type: 'submit' }, 'Create'));
  tokenForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    api.createToken(Number(uses.value), tokenExpires.value).then((t) => done(secretBox('Token', t.token)), fail);
  });

  const role = h('select', { name: 'role' }, h('option', { value: 'analyst' }, 'analyst'), h('option', { value: 'admin' }, 'admin'));
  const name = h('input', { name: 'name', size: 20, required: true });
  const keyForm = h('form', { class: 'filters' }, 'New API key: role ', role, ' name ', name, h('button', { type: 'submit' }, 'Create'));
  keyForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    api.createApiKey(role.value, name.value).then((k) => done(secretBox(`API key ${k.id}`, k.key)), fail);
  });

  const device = h('input', { name: 'device', size: 30, placeholder: 'device ID' });
  const revokeForm = h('form', { class: 'filters' }, 'Revoke device ', device, h('button', { type: 'submit' }, 'Revoke'));
  revokeForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (window.confirm(`Revoke device ${device.value}? Its agent can no longer report.`)) {
      api.revokeDevice(device.value.trim()).then(() => done(h('p', null, 'Device revoked.')), fail);
    }
  });

  const revokeButton = (call, id) => h('button', { type: 'button', onclick: () => call(id).then(() => done(h('p', null, 'Revoked.')), fail) }, 'Revoke');
  clear(main).append(h('h1', null, 'Admin'), out,
    h('h2', null, 'Enrollment tokens'), tokenForm,
    table(['ID', 'Created', 'Expires', 'Uses left', 'State', ''], tokens.tokens.map((t) => h('tr', null,
      h('td', null, h('code', null, t.id)), h('td', null, time(t.createdAt)), h('td', null, time(t.expiresAt)),
      h('td', { class: 'num' }, String(t.usesLeft)), h('td', null, t.state),
      h('td', null, t.state === 'usable' ? revokeButton(api.revokeToken, t.id) : '')))),
    h('h2', null, 'API keys'), keyForm,
    table(['ID', 'Name', 'Role', 'Created', 'Expires', 'State', ''], keys.apiKeys.map((k) => h('tr', null,
      h('td', null, h('code', null, k.id)), h('td', null, k.name), h('td', null, k.role), h('td', null, time(k.createdAt)),
      h('td', null, time(k.expiresAt)), h('td', null, k.state),
      h('td', null, k.state === 'active' && k.id !== me.keyId ? revokeButton(api.revokeApiKey, k.id) : '')))),
    h('h2', null, 'Devices'), revokeForm,
    h('h2', null, 'Audit log (newest first)'),
    table(['When', 'Who', 'Action', 'Target', 'Detail'], audit.entries.map((e) => h('tr', null,
      h('td', null, time(e.at)), h('td', null, e.actor.name), h('td', null, e.action), h('td', null, e.target || ''),
      h('td', null, e.detail || ''))), { id: 'audit' }));
  document.body.dataset.rendered = 'admin';
}
