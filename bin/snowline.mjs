#!/usr/bin/env node
// The `snowline` command: runs the TypeScript CLI through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every run that it will need Node 22 from 2027; the README says so once.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
await import('../cli/main.ts');
