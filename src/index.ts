/**
 * The public API of the `adr` package: read a decision log into the typed model.
 * Kept small on purpose; test/api.test.ts pins its names.
 */
export * from './model/index.js';
