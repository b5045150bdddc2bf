// What a decoder reports instead of throwing: what is wrong, and where (server, line, column).

export type TlibDecodeErrorCode =
  | 'line-too-long'
  | 'bad-json'
  | 'not-an-object'
  | 'no-message-name'
  | 'unknown-message'
  | 'missing-attribute'
  | 'bad-attribute';

export interface TlibDecodeError {
  code: TlibDecodeErrorCode;
  /** One line for an operator: what is wrong and where. */
  message: string;
  /** The server (or source) the line came from, when the caller said. */
  server?: string;
  /** The 1-based line number in the stream, when the caller said. */
  line?: number;
  /** The 0-based character position in the line where the problem is, when there is one. */
  column?: number;
  /** The attribute at fault, for missing-attribute and bad-attribute. */
  attribute?: string;
}

export function describePosition(e: Pick<TlibDecodeError, 'server' | 'line' | 'column'>): string {
  const parts: string[] = [];
  if (e.server !== undefined) parts.push(e.server);
  if (e.line !== undefined) parts.push(`line ${e.line}`);
  if (e.column !== undefined) parts.push(`column ${e.column + 1}`);
  return parts.join(', ');
}
