#!/usr/bin/env node
// The `baseline` command: runs the TypeScript admin tool through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
