// Evidence in plain words. `value` and `detail` come from agents' reports: they stay text.

const WORDS = {
  SAME_GATEWAY_MAC: ['share one router (gateway MAC)', 'gateway MAC'],
  SAME_WIFI_BSSID: ['are on the same Wi-Fi access point', 'access point'],
  LAN_ADJACENCY: ['see each other on the local network', 'LAN neighbours'],
  SAME_EGRESS: ['reach the internet from the same public address', 'egress'],
  SAME_PRIVATE_GATEWAY_IP: ['use the same private gateway address', 'gateway IP'],
  INTERLEAVED_ACTIVITY: ['are used in turns, rarely at the same time: one operator switching laptops', 'interleaved'],
  OVERLAPPING_ACTIVITY: ['are used at the same time: separate people', 'overlapping'],
  REMOTE_ACCESS: ['run a remote-access tool', 'remote access'],
  REMOTE_SESSION: ['had a remote session in progress', 'remote session'],
  IP_KVM: ['sit behind an IP-KVM', 'IP-KVM'],
  MOUSE_JIGGLER: ['have a mouse jiggler', 'jiggler'],
  SYNTHETIC_INPUT: ['receive software-generated input', 'synthetic input'],
  VIRTUAL_MACHINE: ['run inside a virtual machine', 'VM'],
  VIRTUAL_DISPLAY: ['have a virtual or dummy display', 'virtual display'],
  VPN: ['use a consumer VPN', 'VPN'],
  SAME_HARDWARE_FINGERPRINT: ['report one hardware fingerprint under several enrollments', 'same hardware'],
  FINGERPRINT_CHANGED: ['changed hardware fingerprint', 'hardware changed'],
  LOCALE_VS_ROSTER: ['have a time zone or input method the roster contradicts', 'locale vs roster'],
  LAST_REPORT: ['last reported', 'last report'],
};

const SINGULAR = { share: 'shares', are: 'is', reach: 'reaches', see: 'sees', use: 'uses', run: 'runs', sit: 'sits',
  have: 'has', receive: 'receives', report: 'reports' };

/** What the signal says of its machines, as a predicate: "share one router", or "runs …" for one. */
export function sentence(signal, machines = 2) {
  const words = (WORDS[signal] || [signal.toLowerCase().replaceAll('_', ' ')])[0];
  if (machines > 1) return words;
  const [verb, ...rest] = words.split(' ');
  return [SINGULAR[verb] || verb, ...rest].join(' ');
}

export function shortLabel(signal) {
  return (WORDS[signal] || [null, signal])[1];
}

/** A colour per signal for the graph's edges, stable across pages. */
export function colour(signal) {
  const list = Object.keys(WORDS);
  const i = list.indexOf(signal);
  return `hsl(${((i < 0 ? list.length : i) * 67) % 360} 65% 42%)`;
}
