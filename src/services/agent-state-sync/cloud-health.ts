// What EXAS's /health says about Genesys Cloud, as learnt from the last lookup or accepted batch (the
// client itself is shared/lazy-cloud.ts).

export interface CloudState {
  ok: boolean;
  detail?: string;
}

/** The cloud's last known state, for /health. */
export class CloudHealth {
  state: CloudState = { ok: false, detail: 'not connected yet' };

  up(detail?: string): void {
    this.state = detail === undefined ? { ok: true } : { ok: true, detail };
  }

  down(detail: string): void {
    this.state = { ok: false, detail };
  }
}
