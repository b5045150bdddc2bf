// The lab WebDAV server as a demo component (src/demo/components.ts): port 8088, the account the lab
// Config DB's transientStorage section names; files in a temporary directory removed at stop.
import type { DemoComponent, StartedComponent } from '../../core/demo-component.ts';
import { LAB_WEBDAV } from '../engage/configdb/constants.ts';
import { DEFAULT_WEBDAV_PORT, startLabWebdav } from './index.ts';

export function labWebdavDemoComponent(opts: { port?: number } = {}): DemoComponent {
  return {
    name: 'webdav',
    async start(ctx): Promise<StartedComponent> {
      const server = await startLabWebdav({
        port: opts.port ?? DEFAULT_WEBDAV_PORT,
        user: LAB_WEBDAV.user,
        password: LAB_WEBDAV.password,
      });
      ctx.io.out(`lab WebDAV: ${server.url} (user ${LAB_WEBDAV.user})`);
      return { name: 'webdav', urls: { webdav: server.url }, stop: () => server.stop() };
    },
  };
}
