// The services `run <svc>` can start. A service not built yet is absent.
import type { ServiceName } from '../core/config/variables.ts';
import type { ServiceModule } from './runtime.ts';

export const SERVICE_MODULES: Partial<Record<ServiceName, () => Promise<ServiceModule>>> = {
  excs: async () => (await import('./config-sync/service.ts')).configSyncModule,
  exas: async () => (await import('./agent-state-sync/module.ts')).exasModule,
  excp: async () => (await import('./conversation-provider/module.ts')).excpModule,
  exrp: async () => (await import('./recording-provider/module.ts')).exrpModule,
};
