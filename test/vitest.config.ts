/**
 * The test configuration (`npm test`, `npm run test:unit`): the repository root is the root, and
 * dist/ is compiled from src/ before the tests run (test/global-setup.ts), so a fresh checkout works.
 */
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: join(import.meta.dirname, '..'),
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
  },
});
