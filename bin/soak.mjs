#!/usr/bin/env node
// `npm run soak -- --minutes M --rate R`: runs bench/soak.ts (the soak test) through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../bench/soak.ts');
