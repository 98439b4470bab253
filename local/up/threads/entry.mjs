// The entry of every thread of `snowline up`: TypeScript is loaded through tsx in each thread (a
// Worker does not inherit the loader the main thread registered), then the thread's body runs:
// the module `workerData.main` names (consumerThreadMain.ts or serviceThreadMain.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(new URL(workerData.main, import.meta.url).href);
