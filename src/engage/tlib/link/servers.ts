// The seed's server list: `primary:port/backup:port`, several SIP Server pairs separated by commas
// (EXCP_n_VOICE_SERVER_VQ / _AGENT / _CALL). The backup is optional.

export interface Endpoint {
  host: string;
  port: number;
}

export interface ServerPairAddress {
  primary: Endpoint;
  backup?: Endpoint;
}

export function endpointName(e: Endpoint): string {
  return e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

function parseEndpoint(text: string, where: string): Endpoint {
  const m = /^(\[[^\]]+\]|[^:/\s]+):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || !(port >= 1 && port <= 65535)) {
    throw new Error(`${where}: "${text.trim()}" is not host:port (port 1-65535)`);
  }
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

/** Parses `h1:p1/h2:p2[,h3:p3/h4:p4…]`; throws naming the bad entry. */
export function parseServerList(list: string): ServerPairAddress[] {
  const entries = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!entries.length) throw new Error('servers: expected primary:port/backup:port[,…]');
  return entries.map((entry, i) => {
    const parts = entry.split('/');
    const where = `servers entry ${i + 1}`;
    if (parts.length > 2) throw new Error(`${where}: "${entry}" has more than one "/"`);
    const primary = parseEndpoint(parts[0] ?? '', where);
    return parts[1] !== undefined ? { primary, backup: parseEndpoint(parts[1], where) } : { primary };
  });
}
