// The recording options of the hybrid_integration transaction (conversation_provider) and the EXCP
// variables that switch recording injection on (EXCP_RECORDING_PROCESSOR_PROXY_*, EXCP_GIR_HOST).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonConfig } from '../../src/core/config/service-config.ts';
import { excpOptions } from '../../src/services/conversation-provider/module.ts';
import { girBaseUrl } from '../../src/services/conversation-provider/recording/clients.ts';
import { recordingSettings } from '../../src/services/conversation-provider/recording/options.ts';

describe('EXCP recording options', () => {
  it('reads the transaction: booleans as CME writes them, GIR minutes (defaults of seed 003), STA options', () => {
    const r = recordingSettings({
      recording_enabled: 'True',
      sta_default_programid: '00000000-0000-4000-8000-000000000001',
      sta_default_language: 'en-US',
      sta_userdata_language_key: 'language_code',
      gir_orgId: 'cc',
      gir_user: 'ops',
      gir_password: 'pw',
      client_id: 'ignored',
    });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.settings, {
      enabled: true,
      sta: {
        defaultLanguage: 'en-US',
        languageKey: 'language_code',
        defaultProgramId: '00000000-0000-4000-8000-000000000001',
      },
      gir: {
        ccid: 'cc',
        user: 'ops',
        password: 'pw',
        delayMs: 600_000,
        intervalMs: 82_800_000,
        durationMs: 86_400_000,
      },
    });
    assert.equal(recordingSettings({}).settings?.enabled, false, 'default: False');
    assert.equal(recordingSettings({ recording_enabled: 'false', gir_orgId: 'cc' }).settings?.gir, undefined);
    assert.equal(
      recordingSettings({ gir_orgId: 'c', gir_user: 'u', gir_password: 'p', gir_metadata_fetch_delay: '0.5' })
        .settings?.gir?.delayMs,
      30_000,
    );
  });

  it('names each bad option', () => {
    const r = recordingSettings({
      recording_enabled: 'maybe',
      gir_metadata_fetch_interval: 'soon',
      gir_metadata_fetch_duration: '-1',
    });
    assert.equal(r.settings, undefined);
    assert.deepEqual(r.problems.map((p) => p.split(':')[0]).sort(), [
      'conversation_provider/gir_metadata_fetch_duration',
      'conversation_provider/gir_metadata_fetch_interval',
      'conversation_provider/recording_enabled',
    ]);
  });

  it('turns recording injection on with the load balancer in front of EXRP; GIR mode with EXCP_GIR_HOST', () => {
    const base = {
      EXCP_1_VOICE_SERVER_VQ: 'a:1/b:2',
      EXCP_1_VOICE_SERVER_AGENT: 'a:1/b:2',
      EXCP_1_VOICE_SERVER_CALL: 'a:1/b:2',
    };
    assert.equal(excpOptions(commonConfig('excp', base, []), {}).recording, undefined);
    const on = excpOptions(
      commonConfig(
        'excp',
        {
          ...base,
          EXCP_RECORDING_PROCESSOR_PROXY_HOST: 'lb.local',
          EXCP_RECORDING_PROCESSOR_PROXY_PORT: 8070,
          EXCP_GIR_HOST: 'rws.local:443',
        },
        [],
      ),
      {},
    );
    assert.deepEqual(on.recording, { exrpUrl: 'http://lb.local:8070', girHost: 'rws.local:443' });
    assert.equal(girBaseUrl('rws.local:443'), 'https://rws.local:443');
    assert.equal(girBaseUrl('http://127.0.0.1:8096/'), 'http://127.0.0.1:8096');
  });
});
