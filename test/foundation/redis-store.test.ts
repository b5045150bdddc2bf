import { storeContract } from '../../src/store/contract.ts';
import { createRedisClient, RedisStore } from '../../src/store/redis.ts';
import { testKeyPrefix, testRedisUrl } from '../harness/index.ts';

// Each opened store gets its own key prefix: tests never see each other's keys.
storeContract(
  'redis',
  async () => new RedisStore(createRedisClient(await testRedisUrl()), testKeyPrefix('store')),
);
