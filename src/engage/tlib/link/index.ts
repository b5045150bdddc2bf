// The T-Lib JSON link client (DESIGN §6, docs/tlib-link.md).
export {
  createTlibLink,
  type EventOrigin,
  type TlibLink,
  type TlibLinkOptions,
  type TlibLinkStatus,
} from './link.ts';
export { parseServerList, endpointName, type Endpoint, type ServerPairAddress } from './servers.ts';
export { lineKey, PairDeduplicator } from './dedup.ts';
export { LineReader } from './line-reader.ts';
