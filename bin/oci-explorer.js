#!/usr/bin/env node
// The CLI is compiled by `npm run prepare` (run by `npm ci` / `npm install`) into dist-cli/.
import { main } from '../dist-cli/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
