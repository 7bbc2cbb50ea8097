/** The worker thread of {@link renderBodiesParallel}: renders its share of bodies and sends them back. */
import { parentPort, workerData } from 'node:worker_threads';
import { renderBodies, type BodyJob, type LinkTables } from './bodies.js';

const { jobs, tables } = workerData as { jobs: BodyJob[]; tables: LinkTables };
parentPort?.postMessage(renderBodies(jobs, tables));
