/** Host names and addresses as a connection string may give them. */

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** An IPv6 literal as the WHATWG URL parser accepts it in brackets (no zone id). */
export function isIpv6(host: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(host) || !host.includes(':')) return false;
  try {
    new URL(`http://[${host}]/`);
    return true;
  } catch {
    return false;
  }
}

/**
 * A dotted IPv4 address (four decimal parts 0..255, no leading zeros), or an RFC 1123 host name
 * whose last label is not all digits (so `999.1.1.1` and `10.0.0` are refused, not looked up).
 */
export function isHostName(host: string): boolean {
  if (IPV4.test(host)) return true;
  const labels = host.split('.');
  return host.length <= 253 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

