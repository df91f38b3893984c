/**
 * Record-level precision and recall of a `partner-sync match` output file against any labelled
 * file, scored the way the matching issue is checked: a row whose decision is "match" is a
 * true positive when its match_id has the input's entity; recall is over the records whose
 * entity has more than one record. Lists the wrong matches and the missed records with
 * `--show-errors`.
 *
 *   npx node sidecar/bench/match/score-output.ts --truth labelled.csv --id Id --entity "True Id" out.csv
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { EntityLabels } from './record-level-score.ts';
import type { BestMatch } from './record-level-score.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    truth: { type: 'string' },
    id: { type: 'string', default: 'Id' },
    entity: { type: 'string', default: 'True Id' },
    'show-errors': { type: 'boolean', default: false },
  },
});
const outputPath = positionals[0];
if (values.truth === undefined || outputPath === undefined) {
  console.error('usage: score-output.ts --truth <labelled csv> [--id <column>] [--entity <column>] [--show-errors] <match output csv>');
  process.exit(2);
}

type Row = Record<string, string>;
const readCsv = (file: string): Row[] => parse(readFileSync(file), { columns: true, skip_empty_lines: true, bom: true }) as Row[];

const labels = new EntityLabels();
for (const [line, row] of readCsv(values.truth).entries()) {
  const id = row[values.id];
  const entity = row[values.entity];
  if (id === undefined || entity === undefined)
    throw new Error(`${values.truth}, record ${line + 1}: no "${id === undefined ? values.id : values.entity}" column`);
  labels.add(id, entity);
}

const bestMatches: (BestMatch & { row: Row })[] = [];
for (const [line, row] of readCsv(outputPath).entries()) {
  const input = row['input_id'] as string;
  const match = row['match_id'];
  if (!labels.has(input)) throw new Error(`${outputPath}, row ${line + 1}: input_id "${input}" is not in ${values.truth}`);
  if (row['decision'] === 'match' && match) bestMatches.push({ input, match, row });
}
const score = labels.score(bestMatches);
if (values['show-errors']) {
  for (const { input, match, row } of score.wrong) console.log(`wrong match: ${input} → ${match} (${row['score']}; ${row['reasons']})`);
  for (const id of score.missed) console.log(`missed: ${id}`);
}
console.log(
  `records ${score.records}, with a twin ${score.recordsWithTwin}, matches ${score.matchesReturned}, right ${score.truePositives}: ` +
    `precision ${score.precision.toFixed(4)}  recall ${score.recall.toFixed(4)}`,
);
