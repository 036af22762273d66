// The console's shell: who is signed in, the navigation, and the route (the part after #).
import * as api from './api.js';
import { h, clear, errorBox } from './dom.js';
import { alertsPage } from './alerts.js';
import { alertPage } from './alert.js';
import { machinePage } from './machine.js';
import { fleetPage } from './fleet.js';
import { adminPage } from './admin.js';

const main = document.getElementById('main');
let me = null;

function signInPage() {
  const key = h('input', { type: 'password', id: 'api-key', autocomplete: 'off', required: true, size: 48 });
  const problem = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { id: 'signin', class: 'card' },
    h('h1', null, 'Sign in'),
    h('label', null, 'API key ', key),
    h('button', { type: 'submit' }, 'Sign in'),
    problem);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      me = await api.signIn(key.value);
      key.value = '';
      showShell();
      route();
    } catch (e) {
      problem.textContent = e.message;
    }
  });
  clear(main).append(form);
  key.focus();
}

function showShell() {
  document.getElementById('nav').hidden = !me;
  document.getElementById('signout').hidden = !me;
  document.getElementById('nav-admin').hidden = !me || me.role !== 'admin';
  document.getElementById('who').textContent = me ? `${me.name} (${me.role})` : '';
}

const ROUTES = [
  [/^#\/alerts\/(.+)$/, (m) => alertPage(main, decodeURIComponent(m[1]))],
  [/^#\/machines\/(.+)$/, (m) => machinePage(main, decodeURIComponent(m[1]))],
  [/^#\/fleet$/, () => fleetPage(main)],
  [/^#\/admin$/, () => adminPage(main, me)],
  [/^(#\/alerts)?(\?.*)?$/, () => alertsPage(main)],
];

async function route() {
  if (!me) return signInPage();
  const hash = location.hash || '#/alerts';
  for (const [re, page] of ROUTES) {
    const m = hash.split('?')[0].match(re);
    if (m) {
      try {
        await page(m);
      } catch (e) {
        if (e instanceof api.ApiError && e.status === 401) {
          me = null;
          showShell();
          return signInPage();
        }
        clear(main).append(errorBox(e));
      }
      return;
    }
  }
  clear(main).append(h('p', { class: 'error' }, 'No such page.'));
}

document.getElementById('signout').addEventListener('click', async () => {
  try {
    await api.signOut();
  } finally {
    me = null;
    showShell();
    location.hash = '#/alerts';
    signInPage();
  }
});

window.addEventListener('hashchange', route);

(async () => {
  try {
    me = await api.session();
  } catch (e) {
    me = null;
  }
  showShell();
  route();
})();
