// The entry of a consumer thread: TypeScript is loaded through tsx in each thread (a Worker does
// not inherit the loader the main thread registered), then the thread's body runs.
import { register } from 'tsx/esm/api';

register();
await import('./consumerThreadMain.ts');
