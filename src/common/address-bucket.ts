/**
 * The bucket an address's failures are counted in (login throttling, bad keys): plain Node, so the
 * auth layer and the server both use it without depending on each other.
 */
import net from 'node:net';

/**
 * The key failures are counted under for an address: IPv6 clients usually hold a whole /64, so
 * they are counted per /64 (one attacker cannot get a fresh budget per address of its network).
 */
export function addressBucket(address: string): string {
  if (net.isIP(address) !== 6) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail takes two groups; it lies beyond the first four anyway.
  const missing = Math.max(0, 8 - left.length - right.length);
  const groups = address.includes('::') ? [...left, ...Array(missing).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
