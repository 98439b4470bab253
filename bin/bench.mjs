#!/usr/bin/env node
// `npm run bench -- NAME`: runs bench/NAME.ts and prints its JSON.
import { register } from 'tsx/esm/api';

register();
await import('../bench/main.ts');
