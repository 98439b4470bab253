#!/usr/bin/env node
// `npm run soak -- --minutes M --rate R`: runs the soak test (bench/soak.ts) through tsx.
import { register } from 'tsx/esm/api';

register();
const { soakMain } = await import('../bench/soak.ts');
// SDK clients and timers may keep the event loop alive; everything has been stopped.
process.exit(await soakMain(process.argv.slice(2)));
