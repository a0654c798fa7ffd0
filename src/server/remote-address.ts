/**
 * The socket address `toNodeListener` saw for a request. A fetch `Request` has no such field,
 * and a header would be forgeable, so the adapter records it here, keyed by the request object.
 */
const addresses = new WeakMap<Request, string>();

export function setRemoteAddress(request: Request, address: string | undefined): void {
  if (address) addresses.set(request, address);
}

export function remoteAddressOf(request: Request): string | undefined {
  return addresses.get(request);
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4(text: string): string | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts.join('.') : null;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted IPv4), or null. */
function ipv6Groups(text: string): number[] | null {
  const lastColon = text.lastIndexOf(':');
  const dotted = ipv4(text.slice(lastColon + 1));
  // A trailing dotted IPv4 (`::ffff:203.0.113.7`) is the last two groups written another way.
  if (dotted) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (![...head, ...rest].every((w) => /^[0-9a-fA-F]{1,4}$/.test(w))) return null;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  return [...head, ...Array<string>(8 - given).fill('0'), ...rest].map((w) => parseInt(w, 16));
}

/**
 * The rate-limit identity of an address. IPv4 stays as it is; IPv4-mapped IPv6
 * (`::ffff:203.0.113.7`) is that IPv4 address; other IPv6 addresses are grouped by their /64,
 * because one subscriber usually holds a whole /64 and could otherwise rotate through 2^64
 * addresses to get fresh counts. Anything else (a host's own identifier) is kept, bounded.
 */
export function addressKey(address: string): string {
  let text = address.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const v4 = ipv4(text);
  if (v4) return v4;
  if (text.includes(':')) {
    const groups = ipv6Groups(text.replace(/%.*$/, ''));
    if (groups) {
      if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
        return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
      }
      return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
    }
  }
  return text.slice(0, 100);
}
