import { PROTOCOL, type AnyConnection, type Connections, type Device, type DeviceWithProtocol } from './connection.js';

/** `%`, `?`, `#`, whitespace and control characters in a path, percent-encoded so it reads back. */
function encodePath(path: string): string {
  return path.replace(/[%?#\s\u0000-\u001f\u007f]/gu, (ch) => encodeURIComponent(ch)); // eslint-disable-line no-control-regex
}

function withQuery(head: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${head}?${query}` : head;
}

/**
 * The connection string for a connection, the inverse of parseConnection: sim as `sim` plus its
 * options, serial always with its baud, tcp always with its port, IPv6 in brackets.
 */
export function formatConnection<D extends Device>(device: D, connection: Connections[D]): string {
  const c = connection as AnyConnection;
  const expected = device === 'scanner' ? 'hid' : PROTOCOL[device as DeviceWithProtocol];
  if (c.kind !== 'none' && c.kind !== expected) throw new TypeError(`a ${device} connection has kind none or ${expected}, not ${c.kind}`);
  if (c.kind === 'none') return 'none';
  if (c.kind === 'hid') return 'hid';
  const params = new URLSearchParams();
  const profile = () => {
    if (c.kind === 'escpos' && c.profileId !== undefined) params.set('profile', c.profileId);
  };
  switch (c.transport) {
    case 'sim':
      if (c.link !== undefined) params.set('link', c.link);
      profile();
      return withQuery('sim', params);
    case 'serial':
      params.set('baud', String(c.baudRate));
      if (c.parity !== undefined) params.set('parity', c.parity);
      if (c.flowControl !== undefined) params.set('flow', c.flowControl);
      profile();
      return withQuery(`${c.kind}:serial:${encodePath(c.path)}`, params);
    case 'tcp':
      profile();
      return withQuery(`${c.kind}:tcp:${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}`, params);
  }
}
