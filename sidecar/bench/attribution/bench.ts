/**
 * npm run bench:attribution — 1M opportunities × 10 touches × 5k partners, every influence model,
 * the columnar kernel beside the straightforward object baseline in the same run.
 * Options: --opportunities N --touches K --partners P --runs R (defaults 1000000 10 5000 3).
 * The last line is one JSON object with the figures.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { countedRanges, KERNEL_MODELS, modelShares, type KernelModel, type KernelSettings } from '../../src/attribution/kernel.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { baselineCreditByPartner, type BaselineModel } from './baseline.ts';
import { baselineOpportunities, syntheticColumns } from './generate.ts';

const { values } = parseArgs({
  options: {
    opportunities: { type: 'string', default: '1000000' },
    touches: { type: 'string', default: '10' },
    partners: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
  },
});
const opportunities = Number(values.opportunities);
const touchesPerOpportunity = Number(values.touches);
const partners = Number(values.partners);
const runs = Math.max(1, Number(values.runs));

const settings: KernelSettings = {
  halfLifeDays: DEFAULT_PROGRAM_SETTINGS.attributionHalfLifeDays,
  positionFirstWeight: DEFAULT_PROGRAM_SETTINGS.positionFirstWeight,
  positionLastWeight: DEFAULT_PROGRAM_SETTINGS.positionLastWeight,
};

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

console.log(
  `attribution benchmark: ${opportunities.toLocaleString('en-US')} opportunities × ${touchesPerOpportunity} touches × ${partners.toLocaleString('en-US')} partners`,
);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.availableParallelism()} cores, node ${process.version}`);
const columns = syntheticColumns({ opportunities, touchesPerOpportunity, partners, seed: 20261124 });
const touches = columns.at.length;
const shares = new Float64Array(touches);
const credit = new Float64Array(partners);
// Output buffers are allocated once, outside the timed region, like any long-running recompute would.
const rangeBuffers = { first: new Int32Array(opportunities), end: new Int32Array(opportunities) };

function kernelPass(): { window: number; perModel: Record<KernelModel, number>; total: number } {
  const totalStart = process.hrtime.bigint();
  const windowStart = process.hrtime.bigint();
  const ranges = countedRanges(columns, rangeBuffers);
  const window = seconds(windowStart);
  const perModel = {} as Record<KernelModel, number>;
  for (const model of KERNEL_MODELS) {
    const start = process.hrtime.bigint();
    credit.fill(0);
    modelShares(model, columns, ranges, settings, shares, credit);
    perModel[model] = seconds(start);
  }
  return { window, perModel, total: seconds(totalStart) };
}

kernelPass(); // warm-up: lets the JIT compile the kernel before we time it
const passes = Array.from({ length: runs }, kernelPass);
const kernel = {
  window: median(passes.map((p) => p.window)),
  perModel: Object.fromEntries(KERNEL_MODELS.map((m) => [m, median(passes.map((p) => p.perModel[m]))])) as Record<KernelModel, number>,
  total: median(passes.map((p) => p.total)),
};
let checksum = 0;
for (let p = 0; p < partners; p++) checksum += credit[p] as number;

const objects = baselineOpportunities(columns);
for (const model of KERNEL_MODELS) baselineCreditByPartner(objects.slice(0, 20_000), model as BaselineModel, settings); // warm-up
const baseline = {} as Record<KernelModel, number>;
let baselineChecksum = 0;
const baselineStart = process.hrtime.bigint();
for (const model of KERNEL_MODELS) {
  const start = process.hrtime.bigint();
  const byPartner = baselineCreditByPartner(objects, model as BaselineModel, settings);
  baseline[model] = seconds(start);
  if (model === 'position_based') for (const value of byPartner.values()) baselineChecksum += value;
}
const baselineTotal = seconds(baselineStart);

const pad = (s: string, n: number): string => s.padEnd(n);
console.log('');
console.log(`${pad('model', 16)}${pad('kernel s', 12)}${pad('baseline s', 12)}speedup`);
console.log(`${pad('window', 16)}${pad(kernel.window.toFixed(3), 12)}${pad('(inside each)', 12)}`);
for (const model of KERNEL_MODELS) {
  console.log(
    `${pad(model, 16)}${pad((kernel.perModel[model] as number).toFixed(3), 12)}${pad((baseline[model] as number).toFixed(3), 12)}${((baseline[model] as number) / (kernel.perModel[model] as number)).toFixed(1)}×`,
  );
}
console.log(
  `${pad('total', 16)}${pad(kernel.total.toFixed(3), 12)}${pad(baselineTotal.toFixed(3), 12)}${(baselineTotal / kernel.total).toFixed(1)}×`,
);
console.log(`kernel: median of ${runs} runs after a warm-up; ${(touches / kernel.total / 1e6).toFixed(1)} M touches/s for all five models`);
console.log(
  `check: position-based credit total kernel ${checksum.toFixed(2)} vs baseline ${baselineChecksum.toFixed(2)} (relative difference ${(Math.abs(checksum - baselineChecksum) / baselineChecksum).toExponential(2)})`,
);

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
console.log(
  JSON.stringify({
    wall_s: {
      time_decay: round(kernel.perModel.time_decay),
      linear: round(kernel.perModel.linear),
      first_touch: round(kernel.perModel.first_touch),
      last_touch: round(kernel.perModel.last_touch),
      position_based: round(kernel.perModel.position_based),
      total: round(kernel.total),
    },
    touches,
    opportunities,
    partners,
    baseline_wall_s: round(baselineTotal),
    speedup: Math.round((baselineTotal / kernel.total) * 10) / 10,
  }),
);
