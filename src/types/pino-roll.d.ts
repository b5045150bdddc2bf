// pino-roll ships no type declarations; this is the part we use.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface RollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    extension?: string;
  }
  export default function roll(options: RollOptions): Promise<DestinationStream & { end(): void }>;
}
