#!/usr/bin/env node
// The `adr` executable: loads the compiled entry point and nothing else up front.
import { runProcess } from '../dist/cli/main.js';

await runProcess();
