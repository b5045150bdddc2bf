import { storeContract } from './contract.ts';
import { MemoryStore } from './memory.ts';

storeContract('memory', async () => new MemoryStore());
