/**
 * Record-level precision and recall of the matcher on the labelled Chicago early-learning
 * file (see /work/shared/data/matching/README.md): every record is matched against all the
 * others; its best match at or above the match threshold is a true positive when it has the
 * same "True Id". Usage: npx node sidecar/bench/match/quality.ts [path-to-csv]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { MatchIndex } from '../../src/matching/index.ts';
import type { MatchCandidate, MatchRecord } from '../../src/matching/index.ts';
import { EntityLabels } from './record-level-score.ts';
import type { BestMatch } from './record-level-score.ts';

export const DEFAULT_CHICAGO_CSV = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/data/matching/chicago-early-learning-sites.csv',
);

export interface QualityReport {
  records: number;
  recordsWithTwin: number;
  matchesReturned: number;
  truePositives: number;
  precision: number;
  recall: number;
  falsePositives: { id: string; matchId: string; confidence: number; reasons: string }[];
}

export function measureChicagoQuality(csvPath: string, threshold = DEFAULT_PROGRAM_SETTINGS.matchThreshold): QualityReport {
  const rows = parse(readFileSync(csvPath), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<
    string,
    string
  >[];
  const labels = new EntityLabels();
  const records: MatchRecord[] = rows.map((row) => {
    const id = row['Id'] as string;
    labels.add(id, row['True Id'] as string);
    return {
      id,
      name: row['Site name'],
      street: row['Address'],
      postalCode: row['Zip'],
      phone: row['Phone'],
      website: row['Website'],
      email: row['Email Address'],
    };
  });
  const index = new MatchIndex({ thresholds: DEFAULT_PROGRAM_SETTINGS, expectedRecords: records.length });
  for (const record of records) index.upsert(record);

  const bestMatches: (BestMatch & { best: MatchCandidate })[] = [];
  for (const record of records) {
    const best = index.best(record, { excludeId: record.id, minConfidence: threshold });
    if (best) bestMatches.push({ input: record.id, match: best.id, best });
  }
  if (process.env.MATCH_DEBUG) console.error(JSON.stringify(index.stats()));
  const score = labels.score(bestMatches);
  return {
    records: score.records,
    recordsWithTwin: score.recordsWithTwin,
    matchesReturned: score.matchesReturned,
    truePositives: score.truePositives,
    precision: score.precision,
    recall: score.recall,
    falsePositives: score.wrong.map(({ input, best }) => ({
      id: input,
      matchId: best.id,
      confidence: best.confidence,
      reasons: best.reasons.map((r) => `${r.signal}:${r.outcome}:${r.weight}`).join(' '),
    })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const csvPath = path.resolve(process.argv[2] ?? DEFAULT_CHICAGO_CSV);
  if (!existsSync(csvPath)) {
    console.error(`Chicago data not found at ${csvPath}; pass its path as the first argument.`);
    process.exit(2);
  }
  const started = performance.now();
  const report = measureChicagoQuality(csvPath);
  const seconds = (performance.now() - started) / 1000;
  if (process.argv.includes('--show-errors')) for (const fp of report.falsePositives) console.log(JSON.stringify(fp));
  console.log(
    `records ${report.records}, with a twin ${report.recordsWithTwin}, matches returned ${report.matchesReturned}, true positives ${report.truePositives}`,
  );
  console.log(`precision ${report.precision.toFixed(4)}  recall ${report.recall.toFixed(4)}  (${seconds.toFixed(2)} s)`);
  console.log(
    JSON.stringify({
      precision: round(report.precision),
      recall: round(report.recall),
      matches: report.matchesReturned,
      true_positives: report.truePositives,
      with_twin: report.recordsWithTwin,
    }),
  );
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
