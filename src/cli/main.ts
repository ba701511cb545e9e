#!/usr/bin/env node
import { buildCli } from './program.js';
import { runCliAction } from './handler.js';

await runCliAction(() => buildCli().parseAsync(process.argv));
