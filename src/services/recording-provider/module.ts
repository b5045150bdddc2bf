// `exec-connector run exrp`: one EXRP instance in the service runtime (port EXRP_PORT, default 8080).
// Run N+1 of them with the same variables; they share the queue in Redis.
import type { ServiceModule } from '../runtime.ts';
import { createRecordingProvider } from './service.ts';

export const exrpModule: ServiceModule = {
  name: 'exrp',
  port: (config) => Number(config.vars.EXRP_PORT ?? 8080),
  create: (deps) => createRecordingProvider(deps),
};
