/**
 * The client's address, decided in one place for everything that counts per address (rate
 * limits, failed credentials, login throttling, the audit of failed logins), over HTTP and
 * WebSocket alike.
 *
 * `X-Forwarded-For` is written by whoever sends the request, so it is believed only as far as
 * TRUST_PROXY says: by default not at all (the socket's peer is the client). With a hop count N,
 * the hub sits behind N proxies and the client is the address N entries before the socket's peer
 * (each proxy appends the address it received from). With a list of proxy addresses and ranges,
 * entries are skipped from the right while they are trusted proxies; the first that is not is the
 * client. Anything left of the client is the client's own claim and ignored.
 */
import net from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import type { TrustProxy } from '../config';

/** What this needs of a request (node:http's IncomingMessage, also graphql-ws's upgrade request). */
export interface AddressedRequest {
  readonly socket?: { readonly remoteAddress?: string | undefined } | null;
  readonly headers: IncomingHttpHeaders;
}

/** Entries of X-Forwarded-For read at most (a proxy chain is short; a longer header is a client's invention). */
const MAX_FORWARDED = 64;

const UNKNOWN = 'unknown';

const blockLists = new WeakMap<object, net.BlockList>();

function blockListOf(trust: { readonly ranges: readonly string[] }): net.BlockList {
  let list = blockLists.get(trust);
  if (!list) {
    list = new net.BlockList();
    for (const range of trust.ranges) {
      const [address, prefix] = range.split('/');
      const family = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
      list.addSubnet(address, Number(prefix), family);
    }
    blockLists.set(trust, list);
  }
  return list;
}

/** IPv4 written as IPv4-mapped IPv6 (`::ffff:1.2.3.4`, how a dual-stack socket reports it) becomes `1.2.3.4`. */
function plain(address: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address;
}

function forwardedFor(headers: IncomingHttpHeaders): string[] {
  const raw = headers['x-forwarded-for'];
  if (!raw) return [];
  const joined = Array.isArray(raw) ? raw.join(',') : raw;
  const entries = joined.split(',');
  return entries.slice(Math.max(0, entries.length - MAX_FORWARDED)).map((e) => e.trim());
}

/** The address of the client behind `req`, as TRUST_PROXY allows it to be known. */
export function clientAddress(req: AddressedRequest, trust: TrustProxy): string {
  const peer = req.socket?.remoteAddress ? plain(req.socket.remoteAddress) : UNKNOWN;
  if (!trust) return peer;
  // Right to left: the socket's peer first, then what each proxy says it received from.
  const chain = [peer, ...forwardedFor(req.headers).reverse()];
  if ('hops' in trust) {
    let client = peer;
    for (let i = 1; i <= trust.hops && i < chain.length; i++) {
      // A non-address was not written by a proxy: stop at the last real one.
      if (net.isIP(plain(chain[i])) === 0) break;
      client = plain(chain[i]);
    }
    return client;
  }
  const trusted = blockListOf(trust);
  const isTrusted = (address: string) => {
    const family = net.isIP(address);
    return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  let client = peer;
  for (let i = 0; i < chain.length - 1 && isTrusted(client); i++) {
    const next = plain(chain[i + 1]);
    if (net.isIP(next) === 0) break;
    client = next;
  }
  return client;
}
