// Preload for machines without GNU time: `node --require bench/maxrss.cjs ...` appends the
// process's peak resident set (KB) to $BENCH_MAXRSS_FILE when it exits, however it exits.
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // Measuring must never change the outcome of the command measured.
    }
  });
}
