/** The model: types every layer of `adr` shares. */
export * from './decision.js';
export * from './diagnostic.js';
export * from './log.js';
export * from './history.js';
