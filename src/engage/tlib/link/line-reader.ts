// Splits a TCP byte stream into lines, counting them (the position malformed-line reports name) and
// cutting off a line that grows past the 1 MiB limit without waiting for its end.
import { MAX_LINE_BYTES } from '../codec/decode.ts';

export type LineSink = (line: string, lineNo: number) => void;
export type OverflowSink = (lineNo: number, bytes: number) => void;

export class LineReader {
  private pending = '';
  private lineNo = 0;
  /** Inside an over-long line: drop everything up to its newline. */
  private skipping = false;
  private skipped = 0;

  constructor(
    private readonly onLine: LineSink,
    private readonly onOverflow: OverflowSink,
    private readonly maxBytes = MAX_LINE_BYTES,
  ) {}

  push(chunk: string): void {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      const piece = chunk.slice(start, nl);
      this.lineNo++;
      if (this.skipping) {
        this.onOverflow(this.lineNo, this.skipped + Buffer.byteLength(piece));
        this.skipping = false;
        this.skipped = 0;
      } else {
        const line = this.pending ? this.pending + piece : piece;
        this.pending = '';
        if (line.length) this.onLine(line, this.lineNo);
      }
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) {
      const rest = chunk.slice(start);
      if (this.skipping) this.skipped += Buffer.byteLength(rest);
      else {
        this.pending += rest;
        if (this.pending.length > this.maxBytes / 4 && Buffer.byteLength(this.pending) > this.maxBytes) {
          this.skipping = true;
          this.skipped = Buffer.byteLength(this.pending);
          this.pending = '';
        }
      }
    }
  }

  /** The connection is gone: a partial last line is dropped (it can never be complete). */
  reset(): void {
    this.pending = '';
    this.skipping = false;
    this.skipped = 0;
    this.lineNo = 0;
  }
}
