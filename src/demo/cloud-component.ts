// The Genesys Cloud emulator as the demo's first component: port 3600, the pinned lab client
// (exec-lab / exec-lab-secret), the real 300 requests/minute limit per token, so the demo shows the
// connector working within it. Its page at `/` is the console.
import { startCloudEmulator } from '../lab/cloud-emulator/index.ts';
import type { DemoComponent, StartedComponent } from '../core/demo-component.ts';

export function cloudEmulatorComponent(opts: { port?: number } = {}): DemoComponent {
  return {
    name: 'cloud',
    async start(): Promise<StartedComponent> {
      const emulator = await startCloudEmulator({ port: opts.port ?? 3600, host: '127.0.0.1' });
      return {
        name: 'cloud',
        urls: { cloud: emulator.url },
        stop: () => emulator.stop(),
      };
    },
  };
}
