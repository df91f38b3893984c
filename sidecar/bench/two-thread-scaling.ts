/**
 * How the machine runs two busy threads at once, against one: a fixed loop of integer
 * arithmetic on one worker thread, then the same loop on two at once. 2 means two cores of their
 * own; 1 means the second thread gained nothing (two vCPUs that share one physical core, or a
 * host busy with other guests). On this project's VM it moved between ~1.3 and ~2 within minutes
 * (2026-12-05), and the index's two-thread build and batch match moved with it: a benchmark's
 * figures mean little without it.
 */
import { Worker } from 'node:worker_threads';

/** The loop a gauge thread runs (~0.15 s on the project's VM), timed inside the thread. */
const GAUGE_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const table = new Int32Array(1 << 14);
const started = performance.now();
let hash = 0x811c9dc5;
for (let i = 0; i < workerData; i++) {
  hash = Math.imul(hash ^ i, 0x01000193);
  table[hash & 0x3fff] += hash;
}
parentPort.postMessage([performance.now() - started, table[hash & 0x3fff]]);
`;

const ITERATIONS = 120_000_000;

function timeOnWorker(): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(GAUGE_THREAD, { eval: true, workerData: ITERATIONS });
    worker.once('message', ([ms]: [number, number]) => {
      resolve(ms);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export interface TwoThreadScaling {
  /** Milliseconds of the loop alone. */
  aloneMs: number;
  /** Milliseconds of the slower of two loops run at once. */
  togetherMs: number;
  /** Work done per unit of time by two threads, against one: 2 × aloneMs / togetherMs. */
  scaling: number;
}

export async function measureTwoThreadScaling(): Promise<TwoThreadScaling> {
  const aloneMs = await timeOnWorker();
  const together = await Promise.all([timeOnWorker(), timeOnWorker()]);
  const togetherMs = Math.max(...together);
  return { aloneMs, togetherMs, scaling: (2 * aloneMs) / togetherMs };
}
