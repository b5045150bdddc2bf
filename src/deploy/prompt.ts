// A password prompt that does not echo what is typed (seed 003: init prompts for the passwords). Only on
// a terminal: without one, init reads `X_FILE` instead.
import type { ReadStream } from 'node:tty';

/** Reads one line from the terminal in raw mode, echoing nothing; Ctrl-C or Ctrl-D aborts. */
export function promptHidden(
  label: string,
  input: ReadStream = process.stdin as ReadStream,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  output.write(`${label}: `);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    const chars: string[] = [];
    const finish = (err?: Error): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(chars.join(''));
    };
    const onData = (data: string): void => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new Error('cancelled at the password prompt'));
        if (ch === '\u007f' || ch === '\b') chars.pop();
        else chars.push(ch);
      }
    };
    input.on('data', onData);
  });
}
