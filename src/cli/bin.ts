#!/usr/bin/env node
// The `adr` executable (package.json "bin"): loads the entry point and nothing else up front.
import { runProcess } from './main.js';

await runProcess();
