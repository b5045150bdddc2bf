// Recognising the first line of a T-Lib message block among all the other lines of a log. Only lines
// that start at column 0 get here. The forms, from the reference (§3):
//   @16:45:24.5939 [0] 8.1.101.25 distribute_event: message EventReleased          (server side)
//   message RequestQueryCall             (after `Trc 04541 RequestQueryCall received from [66] (…)`)
//   request to 65200(TServer) message RequestDistributeEvent                        (client side, URS)
//   received from 65200(SIPTS750)host:7007(fd=) message EventAttachedDataChanged   (client side, URS)
//   … Trc 04541 Message EventAgentNotReady received from 'sipserver_01_p@+4389…'     (client side, ORS/OCS)
//   … Int 04543 Interaction message "EventRouteRequest" received from 65200 ("SIPTS750@3020") (client side)

export interface BlockHeader {
  /** The message name as printed (may be unknown to T-Lib: the block then reports it). */
  name: string;
  /** `HH:MM:SS.ffff` of an `@` header. */
  logTime?: string;
  /** The server named on a client-side rendering. */
  server?: string;
  /** A client-side rendering (a routing server's log), not the server's own print. */
  clientSide: boolean;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

/** A T-Lib message name (`Event…` / `Request…`), or undefined. */
function messageToken(s: string): string | undefined {
  if (!(s.startsWith('Event') || s.startsWith('Request'))) return undefined;
  for (let i = 0; i < s.length; i++) if (!isNameChar(s.charCodeAt(i))) return undefined;
  return s;
}

/** The peer's server name in `65200(SIPTS750)host:7007(fd=)` or `65200(TServer)`. */
function peerName(peer: string): string {
  const open = peer.indexOf('(');
  const close = open >= 0 ? peer.indexOf(')', open) : -1;
  return open >= 0 && close > open + 1 ? peer.slice(open + 1, close) : peer.trim();
}

/** `'sipserver_01_p@+4389…'` → sipserver_01_p; `("SIPTS750@3020")` → SIPTS750. */
function quotedServer(s: string): string | undefined {
  const m = /['"]([^'"@]+)(?:@[^'"]*)?['"]/.exec(s);
  return m?.[1];
}

/** The header of a block, or undefined when the line starts no T-Lib message. */
export function parseHeader(line: string): BlockHeader | undefined {
  const c0 = line.charCodeAt(0);
  if (c0 === 64 /* @ */ && isDigit(line.charCodeAt(1))) {
    const at = line.lastIndexOf(' message ');
    // ISCC (inter-server) messages carry ISCCAttribute lines, not T-Lib attributes.
    if (at < 0 || line.includes('[ISCC]')) return undefined;
    const name = messageToken(line.slice(at + 9).trimEnd());
    if (!name) return undefined;
    const sp = line.indexOf(' ');
    const logTime = line.slice(1, sp > 0 ? sp : undefined);
    const before = line.slice(0, at);
    if (before.charCodeAt(before.length - 1) === 58 /* : */) return { name, logTime, clientSide: false };
    const client = clientSide(before, name);
    if (client) return { ...client, logTime };
    return { name, logTime, clientSide: false };
  }
  if (c0 === 109 /* m */ && line.startsWith('message ')) {
    const name = messageToken(line.slice(8).trimEnd());
    return name ? { name, clientSide: false } : undefined;
  }
  if (line.indexOf('essage ') < 0) return undefined;
  // `… Trc 04541 Message EventX received from '…'` and `… Int 04543 Interaction message "EventX" received from …`
  const trc = line.indexOf('Trc 04541 Message ');
  if (trc >= 0 && trc < 40) {
    const rest = line.slice(trc + 18);
    const sp = rest.indexOf(' ');
    const name = messageToken(sp > 0 ? rest.slice(0, sp) : rest);
    if (!name || !name.startsWith('Event')) return undefined;
    const server = quotedServer(rest.slice(sp));
    return server ? { name, server, clientSide: true } : { name, clientSide: true };
  }
  const int = line.indexOf('Int 04543 Interaction message "');
  if (int >= 0 && int < 40) {
    const rest = line.slice(int + 31);
    const q = rest.indexOf('"');
    const name = q > 0 ? messageToken(rest.slice(0, q)) : undefined;
    if (!name || !rest.includes('received from')) return undefined;
    const server = quotedServer(rest.slice(q + 1));
    return server ? { name, server, clientSide: true } : { name, clientSide: true };
  }
  const at = line.lastIndexOf(' message ');
  if (at < 0) return undefined;
  const name = messageToken(line.slice(at + 9).trimEnd());
  if (!name) return undefined;
  return clientSide(line.slice(0, at), name);
}

function clientSide(before: string, name: string): BlockHeader | undefined {
  const to = before.indexOf('request to ');
  if (to >= 0) return { name, server: peerName(before.slice(to + 11)), clientSide: true };
  const from = before.indexOf('received from ');
  if (from >= 0) return { name, server: peerName(before.slice(from + 14)), clientSide: true };
  return undefined;
}
