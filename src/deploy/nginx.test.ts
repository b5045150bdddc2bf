import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nginxPlan, readNginxTemplates, renderNginx } from './nginx.ts';

const ENV = {
  EXCP_1_VM_HOST_PAIR: '10.0.0.1,10.0.0.2',
  EXCP_1_PORT: '3650',
  EXRP_VM_HOST_LIST: '10.0.1.1, 10.0.1.2,10.0.1.3',
  EXRP_PORT: '8080',
  EXCP_RECORDING_PROCESSOR_PROXY_PORT: '8070',
};

describe('nginx load balancer renderer', () => {
  it('puts the EXCP pair and every EXRP host behind their ports, as the seed sample', () => {
    const { plan, problems } = nginxPlan(ENV);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      plan.blocks.map((b) => [b.upstream, b.listen, b.servers.map((s) => `${s.address}:${s.port}`)]),
      [
        ['excp', 3660, ['10.0.0.1:3650', '10.0.0.2:3650']],
        ['exrp', 8070, ['10.0.1.1:8080', '10.0.1.2:8080', '10.0.1.3:8080']],
      ],
    );
    const files = renderNginx(plan, readNginxTemplates());
    const up = files['nginx-upstreams.conf'];
    assert.match(
      up,
      /upstream excp \{\n {2}server 10\.0\.0\.1:3650 max_fails=0;\n {2}server 10\.0\.0\.2:3650 max_fails=0;/,
    );
    assert.match(up, /upstream exrp \{\n(?: {2}server 10\.0\.1\.\d:8080 max_fails=0;\n){3}/);
    const main = files['nginx.conf'];
    assert.match(main, /worker_connections 1000;/);
    assert.match(main, /include nginx-upstreams\.conf;/);
    assert.match(main, /listen 3660;\s+location \/ \{\s+proxy_pass http:\/\/excp\/;/);
    assert.match(main, /listen 8070;\s+location \/ \{\s+proxy_pass http:\/\/exrp\/;/);
    assert.equal(main.match(/proxy_next_upstream_tries 3;/g)?.length, 2);
    assert.doesNotMatch(main + up, /\{\{/);
  });

  it('gives each further EXCP pair its own upstream and the next port; takes ports and address from options', () => {
    const { plan, problems } = nginxPlan(
      { ...ENV, EXCP_2_VM_HOST_PAIR: '10.0.0.3,10.0.0.4', EXCP_2_PORT: '3652' },
      { excpPort: 4000, exrpPort: 4100 },
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      plan.blocks.map((b) => [b.upstream, b.listen]),
      [
        ['excp', 4000],
        ['excp_2', 4001],
        ['exrp', 4100],
      ],
    );
    assert.match(
      renderNginx(plan, readNginxTemplates(), { listenAddress: '127.0.0.1' })['nginx.conf'],
      /listen 127\.0\.0\.1:4001;/,
    );
  });

  it('leaves EXRP out of a no-media deployment and defaults the ports the seeds default', () => {
    const { plan, problems } = nginxPlan({ EXCP_1_VM_HOST_PAIR: 'a,b' });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      plan.blocks.map((b) => [b.upstream, b.servers.map((s) => s.port)]),
      [['excp', [3650, 3650]]],
    );
  });

  it('names every problem with its variable', () => {
    const { problems } = nginxPlan({
      EXCP_1_VM_HOST_PAIR: '10.0.0.1,10.0.0.2,10.0.0.3',
      EXCP_1_PORT: '80a',
      EXRP_VM_HOST_LIST: 'bad host',
      EXCP_RECORDING_PROCESSOR_PROXY_PORT: '3660',
    });
    assert.deepEqual(problems, [
      'EXCP_1_VM_HOST_PAIR: 3 addresses (expected 2: host,host)',
      'EXCP_1_PORT: "80a" is not a port number (expected 1-65535)',
      'EXRP_VM_HOST_LIST: "bad host" is not a host name or IP address',
      'nginx: two server blocks would listen on port 3660',
    ]);
    assert.deepEqual(nginxPlan({}).problems, [
      'EXCP_1_VM_HOST_PAIR: missing (expected host,host): no EXCP pair to balance',
    ]);
  });
});
