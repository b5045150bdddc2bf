// Which switch (the core's `site`) an event belongs to. EXCS names every DN's switch, so a DN event's
// site is the switch of its DN; a call-monitoring event names no DN, so its site is the switch of the SIP
// Server pair it came from: configured (EXCP_<n>_SWITCHES), else learned from that pair's DN events,
// else the only switch the extensions are on, else the pair's address.
import { attrString, type TEvent } from '../../../engage/tlib/index.ts';
import type { LinkKind } from '../core/api.ts';
import type { DirectorySnapshot } from './directory.ts';

export class SiteResolver {
  private readonly learned = new Map<string, string>();

  /** @param configured endpoint (`host:port`, primary or backup) → switch name */
  constructor(private readonly configured: ReadonlyMap<string, string> = new Map()) {}

  /**
   * @param server the endpoint whose copy was passed on
   * @param pairKey names the pair whatever its current roles are (its first endpoint)
   */
  resolve(
    link: LinkKind,
    event: TEvent,
    server: string,
    pairKey: string,
    dir: DirectorySnapshot | undefined,
  ): string {
    const fixed = this.configured.get(server) ?? this.configured.get(pairKey);
    if (fixed) return fixed;
    const dn = attrString(event, 'AttributeThisDN');
    const known = this.learned.get(pairKey);
    if (dn && dir && link !== 'call') {
      const switches = link === 'vq' ? dir.switchesOfQueue(dn) : dir.switchesOfExtension(dn);
      if (switches.length === 1) {
        const s = switches[0] as string;
        if (link === 'agent') this.learned.set(pairKey, s);
        return s;
      }
      if (known && switches.includes(known)) return known;
      if (switches[0]) return switches[0];
    }
    if (known) return known;
    if (dir?.extensionSwitches.length === 1) return dir.extensionSwitches[0] as string;
    return pairKey;
  }
}

/** Parses EXCP_<n>_SWITCHES: `host:port=Switch[,host:port=Switch…]`; throws naming the bad entry. */
export function parseSwitches(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!text) return out;
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .forEach((entry, i) => {
      const m = /^([^=\s]+:\d{1,5})=(.+)$/.exec(entry);
      if (!m) throw new Error(`switches entry ${i + 1}: "${entry}" is not host:port=SwitchName`);
      out.set(m[1] as string, (m[2] as string).trim());
    });
  return out;
}
