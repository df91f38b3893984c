/**
 * `npm run bench:match [-- --scale 0.1] [-- --seed 42] [-- --no-baseline]`
 *
 * Builds the match index over generated Accounts and Leads (plus Opportunities by account)
 * with upsertMany, matches partner records against it with findMany (both use a worker thread
 * per spare core), measures single-submission latency on the warm index, and runs a baseline
 * in the same process: the same index and blocking, names scored with the `jaro-winkler` npm
 * package and no early screening, on one thread (ours is also timed on one thread, for the
 * like-for-like ratio). Prints the figures, then one JSON line. Full size: 1M accounts, 500k
 * leads, 200k opportunities, 100k partner records.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import jaroWinklerPackage from 'jaro-winkler';
import stringSimilarity from 'string-similarity';
import { JaroWinklerPattern, MatchIndex, normalizeCompanyName } from '../../src/matching/index.ts';
import type { MatchRecord } from '../../src/matching/index.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { seededRandom } from '../seeded-random.ts';
import { measureTwoThreadScaling } from '../two-thread-scaling.ts';
import { accountRecord, generateCompany, leadRecord, partnerRecord } from './generate.ts';
import type { GeneratedCompany } from './generate.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
    'no-baseline': { type: 'boolean', default: false },
    'latency-samples': { type: 'string', default: '10000' },
  },
});
const scale = Number(values.scale);
const seed = Number(values.seed);
if (!(scale > 0) || !Number.isFinite(seed)) throw new Error('--scale must be > 0 and --seed a number');

// The settings the bench re-runs itself under, unless a heap limit was given (docs/sidecar.md
// gives the young-generation and huge-page ones for running the sidecar on a large org):
// - --max-old-space-size: V8 lets the heap grow far past the live data before collecting; a
//   limit sized to the data keeps the peak near what the index needs.
// - --min-semi-space-size=64: a larger young generation for this thread (64 MB semi-spaces
//   instead of 16) gives the normalisers' short-lived garbage room to die young (~20 % less
//   build time when it was measured, on an earlier design; it applies to the baseline too, same
//   process), and keeps it at that size. The index's worker threads set their own, smaller
//   one (worker-pool.ts), which --max-semi-space-size would override: it is not given. Before
//   the workers had their own, V8 shrank an idle worker's young generation (between the build
//   and the batch match) and grew it again page by page: ~19k fresh pages faulted in during the
//   first batch match. Alternated runs, 2026-12-04: match 1.29–1.47 s against 1.52–1.90 s.
// - GLIBC_TUNABLES=glibc.malloc.hugetlb=1: malloc asks for transparent huge pages for its large
//   blocks, the index's typed arrays among them (glibc 2.35 and later; ignored elsewhere). On
//   this project's VM a first touch of memory costs a page fault of 7–12 µs per 4 KB (0.7 s of
//   the build's CPU in the kernel); 2 MB pages halve the faults (docs/matching.md, ninth look).
// - --no-parallel-scavenge, on two cores or fewer: a young-generation collection is shared with
//   helper threads and waits for them, and with the index's two threads keeping both cores busy
//   a helper can only wait for one. Without them each thread collects its own. Alternated pairs,
//   2026-12-05: wall lower in the four pairs the VM ran alike (by 0.05–0.25 s), the batch match in
//   every pair (docs/matching.md, eighteenth look). Parallel marking, off as well, made the batch
//   match 0.3–0.4 s slower: it stays.
// - --expose-gc lets the bench collect the generator's garbage outside the timings.
if (!process.execArgv.some((flag) => flag.startsWith('--max-old-space-size'))) {
  const limitMb = Math.ceil(640 * Math.max(0.5, scale));
  const tunables = process.env.GLIBC_TUNABLES;
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${limitMb}`,
      '--min-semi-space-size=64',
      ...(availableParallelism() <= 2 ? ['--no-parallel-scavenge'] : []),
      '--expose-gc',
      ...process.argv.slice(1),
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        GLIBC_TUNABLES: tunables?.includes('glibc.malloc.hugetlb')
          ? tunables
          : [tunables, 'glibc.malloc.hugetlb=1'].filter(Boolean).join(':'),
      },
    },
  );
  process.exit(child.status ?? 1);
}

const sizes = {
  accounts: Math.round(1_000_000 * scale),
  leads: Math.round(500_000 * scale),
  opportunities: Math.round(200_000 * scale),
  partnerRecords: Math.round(100_000 * scale),
};
const latencySamples = Math.min(Number(values['latency-samples']), sizes.partnerRecords);
/**
 * Records are generated (untimed) this many at a time and indexed with one upsertMany each,
 * so the bench never holds all 1.5M generated records at once (each chunk is ~40 MB of heap).
 */
const CHUNK = 100_000;

/** The company behind account `serial`, regenerated on demand so 1M companies are never held at once. */
function company(serial: number): GeneratedCompany {
  return generateCompany(seededRandom(seed * 1_000_003 + serial), serial);
}

// Before the index starts its worker threads (they load their code meanwhile).
const scalingBefore = await measureTwoThreadScaling();
const usageAtStart = process.resourceUsage();
const index = new MatchIndex({ thresholds: DEFAULT_PROGRAM_SETTINGS, expectedRecords: sizes.accounts + sizes.leads });
const openOpportunities = new Map<string, number>();
const random = seededRandom(seed);
let generationMs = 0;
let buildMs = 0;
/** CPU time (all threads), of it in the kernel, and page faults: what a phase cost the process. */
interface Usage {
  cpuMs: number;
  kernelMs: number;
  pageFaults: number;
}
const buildUsage: Usage = { cpuMs: 0, kernelMs: 0, pageFaults: 0 };

/**
 * Usage since `start` (a process.resourceUsage()). On this project's VM a first touch of
 * memory costs a page fault of 7–12 µs per 4 KB, so the faults are printed beside the CPU time.
 */
function usageSince(start: NodeJS.ResourceUsage): Usage {
  const now = process.resourceUsage();
  return {
    cpuMs: (now.userCPUTime - start.userCPUTime + now.systemCPUTime - start.systemCPUTime) / 1000,
    kernelMs: (now.systemCPUTime - start.systemCPUTime) / 1000,
    pageFaults: now.minorPageFault - start.minorPageFault + now.majorPageFault - start.majorPageFault,
  };
}

function addUsage(total: Usage, usage: Usage): void {
  total.cpuMs += usage.cpuMs;
  total.kernelMs += usage.kernelMs;
  total.pageFaults += usage.pageFaults;
}

function describeUsage(usage: Usage): string {
  return `CPU ${(usage.cpuMs / 1000).toFixed(2)} s, ${(usage.kernelMs / 1000).toFixed(2)} s of it in the kernel, ${Math.round(usage.pageFaults / 1000)}k page faults`;
}

/** Present: the bench re-runs itself with --expose-gc. */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * The records as the index receives them in the sidecar: out of JSON (the org API's
 * responses), every string flat, then laid out by the record mappers, which set every field
 * (null where the org has no value) in one order. The generator builds its strings with
 * template literals, which V8 keeps as trees of their parts; the index would then pay for
 * flattening them (copying a record to a worker thread flattens every field), a cost no record
 * from the org or a CSV file has. And its records leave out the fields a record has no value
 * for, so they come in a dozen layouts where the org's come in one per object, and V8 reads a
 * field of records of many layouts slower than of one (in a profile of the build, the first
 * check of a record's fields took three times as long on this thread as on the worker, whose
 * decoded records have one layout): a cost only the generator's records have.
 */
function asDelivered(record: MatchRecord): MatchRecord {
  const parsed = JSON.parse(JSON.stringify(record)) as MatchRecord;
  return {
    id: parsed.id,
    kind: parsed.kind,
    name: parsed.name ?? null,
    website: parsed.website ?? null,
    email: parsed.email ?? null,
    phone: parsed.phone ?? null,
    street: parsed.street ?? null,
    city: parsed.city ?? null,
    postalCode: parsed.postalCode ?? null,
    country: parsed.country ?? null,
    contactName: parsed.contactName ?? null,
  };
}

/** Generates in chunks (timed apart) and indexes each chunk (timed as the build). */
async function indexInChunks(total: number, make: (i: number) => MatchRecord): Promise<void> {
  for (let start = 0; start < total; start += CHUNK) {
    const t0 = performance.now();
    const chunk: MatchRecord[] = [];
    for (let i = start; i < Math.min(total, start + CHUNK); i++) chunk.push(asDelivered(make(i)));
    // The generator's garbage is collected with the generation, not during the build; the
    // chunk's records then sit in the old generation, as an org mirror's records do.
    collectGarbage?.();
    const t1 = performance.now();
    const usage1 = process.resourceUsage();
    await index.upsertMany(chunk);
    generationMs += t1 - t0;
    buildMs += performance.now() - t1;
    addUsage(buildUsage, usageSince(usage1));
  }
}

await indexInChunks(sizes.accounts, (i) => accountRecord(company(i), `001${i}`, random));
// 60 % of leads are companies we already have as accounts, 40 % are new.
const leadSerials = new Int32Array(sizes.leads);
await indexInChunks(sizes.leads, (i) => {
  const serial = random() < 0.6 ? Math.floor(random() * sizes.accounts) : sizes.accounts + i;
  leadSerials[i] = serial;
  return leadRecord(company(serial), `00Q${i}`, random);
});
{
  const t0 = performance.now();
  const opportunities: { accountId: string; open: boolean }[] = [];
  for (let i = 0; i < sizes.opportunities; i++)
    opportunities.push({ accountId: `001${Math.floor(random() * sizes.accounts)}`, open: random() < 0.35 });
  const t1 = performance.now();
  for (const opportunity of opportunities)
    if (opportunity.open) openOpportunities.set(opportunity.accountId, (openOpportunities.get(opportunity.accountId) ?? 0) + 1);
  generationMs += t1 - t0;
  buildMs += performance.now() - t1;
}

// Collect first so the figure is the index's live size (outside the timings).
collectGarbage?.();
const heapAfterBuildMb = process.memoryUsage().heapUsed / 1048576;
const offHeapMb = process.memoryUsage().arrayBuffers / 1048576;

// Partner records: half existing companies (as partners spell them), half new ones.
const partnerSerials: number[] = [];
const partnerRecords = ((): MatchRecord[] => {
  const t0 = performance.now();
  const delivered: MatchRecord[] = [];
  for (let i = 0; i < sizes.partnerRecords + latencySamples; i++) {
    const serial = random() < 0.5 ? Math.floor(random() * sizes.accounts) : sizes.accounts + sizes.leads + i;
    partnerSerials.push(serial);
    delivered.push(asDelivered(partnerRecord(company(serial), `a0P${i}`, random)));
  }
  collectGarbage?.();
  generationMs += performance.now() - t0;
  return delivered;
})();
const batch = partnerRecords.slice(0, sizes.partnerRecords);
const latencySet = partnerRecords.slice(sizes.partnerRecords);

interface MatchRun {
  ms: number;
  usage: Usage;
  matches: number;
  correct: number;
  reviews: number;
  withOpenOpportunity: number;
}

/** The generator knows the truth: which company each indexed record and partner record is. */
function serialOf(id: string): number {
  const number = Number(id.slice(3));
  return id.startsWith('001') ? number : (leadSerials[number] ?? -1);
}

/** Matches the records as one batch (findMany: this thread and the workers answer queries) and scores the answers. */
async function matchAll(records: MatchRecord[], options: Parameters<MatchIndex['find']>[1], workers?: number): Promise<MatchRun> {
  const t0 = performance.now();
  const usage0 = process.resourceUsage();
  const answers = await index.findMany(records, options, workers === undefined ? {} : { workers });
  const usage = usageSince(usage0);
  const ms = performance.now() - t0;
  let matches = 0;
  let correct = 0;
  let reviews = 0;
  let withOpenOpportunity = 0;
  answers.forEach((found, i) => {
    const best = found[0];
    if (!best) return;
    if (best.decision === 'match') {
      matches++;
      if (serialOf(best.id) === partnerSerials[i]) correct++;
      if (best.kind === 'Account' && openOpportunities.has(best.id)) withOpenOpportunity++;
    } else reviews++;
  });
  return { ms, usage, matches, correct, reviews, withOpenOpportunity };
}
const existing = partnerSerials.slice(0, sizes.partnerRecords).filter((serial) => serial < sizes.accounts).length;

const main = await matchAll(batch, { limit: 3 });
const candidatePairs = index.stats().candidatePairs;
const scalingAfter = await measureTwoThreadScaling();

const latencies = new Float64Array(latencySet.length);
for (let i = 0; i < latencySet.length; i++) {
  const t0 = performance.now();
  index.find(latencySet[i] as MatchRecord, { limit: 3 });
  latencies[i] = performance.now() - t0;
}
latencies.sort();
const percentile = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;

const runBaseline = !values['no-baseline'];
// The baseline's similarity is a function, which cannot cross to a worker thread: it matches on
// one thread. Ours on one thread too, for the like-for-like ratio.
const oneThread = runBaseline ? await matchAll(batch, { limit: 3 }, 0) : undefined;
const baseline = runBaseline
  ? await matchAll(batch, { limit: 3, nameSimilarity: (a: string, b: string) => jaroWinklerPackage(a, b) })
  : undefined;

/**
 * Name similarity alone, as the scorer uses it (one pattern per query, reused for each of
 * its candidates), against the npm packages on the same pairs: the reason for our own
 * Jaro-Winkler. 10,000 partner names × 20 indexed names.
 */
function similarityMicrobenchmark(): { ours: number; jaroWinklerNpm: number; stringSimilarityNpm: number; pairs: number } {
  const queries = partnerRecords.slice(0, 10_000).map((r) => normalizeCompanyName(r.name).key);
  const pickRandom = seededRandom(seed + 1);
  const candidates = queries.map(() =>
    Array.from({ length: 20 }, () => normalizeCompanyName(company(Math.floor(pickRandom() * sizes.accounts)).name).key),
  );
  const time = (score: (query: string, others: string[]) => number): number => {
    const t0 = performance.now();
    let sink = 0;
    for (let round = 0; round < 3; round++) queries.forEach((query, i) => (sink += score(query, candidates[i] as string[])));
    if (sink < 0) console.log(sink);
    return (performance.now() - t0) / 3;
  };
  const pattern = new JaroWinklerPattern();
  const ours = time((query, others) => {
    pattern.reset(query);
    let sum = 0;
    for (const other of others) sum += pattern.similarity(other);
    return sum;
  });
  const jaroWinklerNpm = time((query, others) => others.reduce((sum, other) => sum + jaroWinklerPackage(other, query), 0));
  const stringSimilarityNpm = time((query, others) =>
    others.reduce((sum, other) => sum + stringSimilarity.compareTwoStrings(other, query), 0),
  );
  return { ours, jaroWinklerNpm, stringSimilarityNpm, pairs: queries.length * 20 };
}
const similarity = similarityMicrobenchmark();
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const processUsage = usageSince(usageAtStart);

const wallS = (buildMs + main.ms) / 1000;
const baselineWallS = baseline ? (buildMs + baseline.ms) / 1000 : null;
const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

console.log(
  `matching benchmark — seed ${seed}, scale ${scale}: ${sizes.accounts} accounts + ${sizes.leads} leads indexed, ${sizes.opportunities} opportunities, ${sizes.partnerRecords} partner records`,
);
// The generation is pure computation of a fixed amount: its time shows how fast the machine
// runs at the moment (on a shared VM it varied 2.5× within a day), beside the timed figures.
console.log(
  `  data generation (not timed)   ${(generationMs / 1000).toFixed(2)} s   (a fixed amount of work: how fast the machine runs now)`,
);
// The build and the batch match keep two threads busy: how much the second one could do.
console.log(
  `  two threads at once (not timed) ${scalingBefore.scaling.toFixed(2)}× one before the build, ${scalingAfter.scaling.toFixed(2)}× after the match   (2: a core each; 1: no gain)`,
);
console.log(
  `  index build                   ${(buildMs / 1000).toFixed(2)} s   (${describeUsage(buildUsage)}; ${index.size} records, ${index.stats().postings} postings)`,
);
console.log(
  `  match ${sizes.partnerRecords} partner records  ${(main.ms / 1000).toFixed(2)} s   (${describeUsage(main.usage)}; ${main.matches} matches, ${main.reviews} for review, ${main.withOpenOpportunity} on accounts with an open opportunity)`,
);
console.log(
  `  quality on the generated truth  precision ${(main.correct / Math.max(1, main.matches)).toFixed(4)}  recall ${(main.correct / Math.max(1, existing)).toFixed(4)}  (${existing} partner records are existing companies)`,
);
console.log(`  wall (build + match)          ${wallS.toFixed(2)} s`);
console.log(
  `  candidate pairs scored        ${candidatePairs}  (${(candidatePairs / Math.max(1, sizes.partnerRecords)).toFixed(1)} per record)`,
);
console.log(
  `  single submission, warm index p50 ${percentile(0.5).toFixed(3)} ms   p99 ${percentile(0.99).toFixed(3)} ms   (${latencySet.length} submissions)`,
);
console.log(
  `  peak RSS                      ${peakRssMb.toFixed(0)} MB   (after the build: JS heap ${heapAfterBuildMb.toFixed(0)} MB${collectGarbage ? ' live' : ''}, typed arrays ${offHeapMb.toFixed(0)} MB)`,
);
console.log(
  `  process CPU time (all phases) ${(processUsage.cpuMs / 1000).toFixed(2)} s   (wall figures include waiting for a busy machine)`,
);
if (baseline && baselineWallS !== null) {
  console.log(
    `  baseline (same blocking, jaro-winkler npm, no screening): match ${(baseline.ms / 1000).toFixed(2)} s (CPU ${(baseline.usage.cpuMs / 1000).toFixed(2)} s), wall ${baselineWallS.toFixed(2)} s (${baseline.matches} matches)`,
  );
  console.log(`  speedup: wall ${(baselineWallS / wallS).toFixed(2)}×, matching ${(baseline.ms / main.ms).toFixed(2)}×`);
  if (oneThread)
    console.log(
      `  on one thread like the baseline: match ${(oneThread.ms / 1000).toFixed(2)} s, ${(baseline.ms / oneThread.ms).toFixed(2)}× the baseline's (${oneThread.matches} matches)`,
    );
}
const perPair = (ms: number): string => `${((ms * 1e6) / similarity.pairs).toFixed(0)} ns/pair`;
console.log(
  `  name similarity alone (${similarity.pairs} pairs): bit-parallel Jaro-Winkler ${perPair(similarity.ours)}, jaro-winkler npm ${perPair(similarity.jaroWinklerNpm)} ` +
    `(${(similarity.jaroWinklerNpm / similarity.ours).toFixed(1)}×), string-similarity npm ${perPair(similarity.stringSimilarityNpm)} (${(similarity.stringSimilarityNpm / similarity.ours).toFixed(1)}×)`,
);
console.log(
  JSON.stringify({
    wall_s: round(wallS),
    peak_rss_mb: round(peakRssMb, 0),
    candidate_pairs: candidatePairs,
    p50_ms: round(percentile(0.5), 4),
    p99_ms: round(percentile(0.99), 4),
    baseline_wall_s: baselineWallS === null ? null : round(baselineWallS),
    speedup: baselineWallS === null ? null : round(baselineWallS / wallS, 2),
    build_s: round(buildMs / 1000),
    build_cpu_s: round(buildUsage.cpuMs / 1000),
    match_cpu_s: round(main.usage.cpuMs / 1000),
    build_page_faults: buildUsage.pageFaults,
    match_page_faults: main.usage.pageFaults,
    synthetic_precision: round(main.correct / Math.max(1, main.matches), 4),
    synthetic_recall: round(main.correct / Math.max(1, existing), 4),
    match_s: round(main.ms / 1000),
    baseline_match_s: baseline ? round(baseline.ms / 1000) : null,
    match_speedup: baseline ? round(baseline.ms / main.ms, 2) : null,
    match_one_thread_s: oneThread ? round(oneThread.ms / 1000) : null,
    match_speedup_one_thread: baseline && oneThread ? round(baseline.ms / oneThread.ms, 2) : null,
    similarity_speedup_vs_jaro_winkler_npm: round(similarity.jaroWinklerNpm / similarity.ours, 2),
    similarity_speedup_vs_string_similarity_npm: round(similarity.stringSimilarityNpm / similarity.ours, 2),
    data_generation_s: round(generationMs / 1000),
    two_thread_scaling_before: round(scalingBefore.scaling, 2),
    two_thread_scaling_after: round(scalingAfter.scaling, 2),
    scale,
  }),
);
