#!/usr/bin/env node
// The CLI is compiled and bundled by `npm run prepare` (run by `npm ci` / `npm install`) into dist-cli/bundle/.
import { main } from '../dist-cli/bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
