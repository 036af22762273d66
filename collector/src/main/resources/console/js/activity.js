// Activity history drawn on canvases: a strip of machines x time (one operator switching laptops
// shows as activity hopping between rows, never two at once), and a 7x24 heat map in a time zone.
import { h } from './dom.js';

const DAY_MS = 86400000;

/** Decodes a day's base64 bits (minute m is bit m % 8 of byte m / 8) into 1,440 zeros and ones. */
export function minutes(b64) {
  const out = new Uint8Array(1440);
  if (!b64) return out;
  const bytes = atob(b64);
  for (let m = 0; m < 1440; m++) out[m] = (bytes.charCodeAt(m >> 3) >> (m & 7)) & 1;
  return out;
}

/**
 * The strip: `rows` is [{label, days: [{epochDay, active, remote}]}], drawn over `fromDay..toDay`
 * at `perPixel` minutes per pixel column; a column is lit when any of its minutes had input,
 * red when a remote session was open.
 */
export function strip(rows, fromDay, toDay, perPixel) {
  const total = (toDay - fromDay + 1) * 1440;
  const width = Math.ceil(total / perPixel);
  const rowH = 12;
  const labelW = 160;
  const canvas = h('canvas', { id: 'activity-strip', width: labelW + width, height: rows.length * rowH + 18 });
  const g = canvas.getContext('2d');
  g.font = '10px sans-serif';
  g.fillStyle = '#888';
  for (let d = fromDay; d <= toDay; d++) {
    const x = labelW + ((d - fromDay) * 1440) / perPixel;
    g.fillRect(x, 0, 1, rows.length * rowH);
    g.fillText(new Date(d * DAY_MS).toISOString().slice(5, 10), x + 2, rows.length * rowH + 12);
  }
  let lit = 0;
  rows.forEach((row, i) => {
    const y = i * rowH;
    g.fillStyle = '#333';
    g.fillText(row.label.slice(0, 24), 2, y + 10);
    const hue = (i * 137) % 360;
    for (const day of row.days) {
      if (day.epochDay < fromDay || day.epochDay > toDay) continue;
      const active = minutes(day.active);
      const remote = minutes(day.remote);
      const base = (day.epochDay - fromDay) * 1440;
      for (let m = 0; m < 1440; m++) {
        if (!active[m] && !remote[m]) continue;
        lit++;
        g.fillStyle = remote[m] ? '#d33' : `hsl(${hue} 70% 40%)`;
        g.fillRect(labelW + Math.floor((base + m) / perPixel), y + 1, 1, rowH - 2);
      }
    }
  });
  canvas.dataset.markedMinutes = String(lit);
  return canvas;
}

/** Active minutes per weekday x hour, counted in `timeZone` (an IANA name; UTC when unknown). */
export function weekHours(days, timeZone) {
  const grid = Array.from({ length: 7 }, () => new Array(24).fill(0));
  const opts = { weekday: 'short', hour: '2-digit', hourCycle: 'h23' };
  let fmt;
  try {
    fmt = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone });
  } catch (e) {
    fmt = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: 'UTC' });
  }
  const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  for (const day of days) {
    const active = minutes(day.active);
    for (let hour = 0; hour < 24; hour++) {
      let count = 0;
      for (let m = hour * 60; m < hour * 60 + 60; m++) count += active[m];
      if (!count) continue;
      // Zone offsets are whole quarter hours, so the hour's middle places the whole hour.
      const parts = fmt.formatToParts(new Date(day.epochDay * DAY_MS + hour * 3600000 + 1800000));
      const wd = names.indexOf(parts.find((p) => p.type === 'weekday').value);
      const hh = Number(parts.find((p) => p.type === 'hour').value) % 24;
      grid[wd][hh] += count;
    }
  }
  return { grid, names };
}

export function heatMap(days, timeZone) {
  const { grid, names } = weekHours(days, timeZone);
  const cell = 22;
  const canvas = h('canvas', { id: 'heat-map', width: 40 + 24 * cell, height: 20 + 7 * cell });
  const g = canvas.getContext('2d');
  const max = Math.max(1, ...grid.flat());
  g.font = '10px sans-serif';
  for (let hr = 0; hr < 24; hr += 3) {
    g.fillStyle = '#555';
    g.fillText(String(hr).padStart(2, '0'), 40 + hr * cell, 12);
  }
  grid.forEach((row, d) => {
    g.fillStyle = '#555';
    g.fillText(names[d], 4, 20 + d * cell + 15);
    row.forEach((v, hr) => {
      g.fillStyle = v ? `hsl(140 60% ${90 - Math.round((50 * v) / max)}%)` : '#f2f2f2';
      g.fillRect(40 + hr * cell, 20 + d * cell, cell - 2, cell - 2);
    });
  });
  canvas.dataset.activeMinutes = String(grid.flat().reduce((a, b) => a + b, 0));
  return canvas;
}
