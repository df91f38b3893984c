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

const labelled = readCsv(values.truth);
const entityOf = new Map<string, string>();
const entitySizes = new Map<string, number>();
for (const [line, row] of labelled.entries()) {
  const id = row[values.id];
  const entity = row[values.entity];
  if (id === undefined || entity === undefined)
    throw new Error(`${values.truth}, record ${line + 1}: no "${id === undefined ? values.id : values.entity}" column`);
  entityOf.set(id, entity);
  entitySizes.set(entity, (entitySizes.get(entity) ?? 0) + 1);
}
const hasTwin = (id: string): boolean => (entitySizes.get(entityOf.get(id) as string) ?? 0) > 1;

let matches = 0;
let truePositives = 0;
const found = new Set<string>();
const wrong: string[] = [];
for (const [line, row] of readCsv(outputPath).entries()) {
  const input = row['input_id'] as string;
  const match = row['match_id'];
  if (!entityOf.has(input)) throw new Error(`${outputPath}, row ${line + 1}: input_id "${input}" is not in ${values.truth}`);
  if (row['decision'] !== 'match' || !match) continue;
  matches++;
  if (entityOf.get(match) === entityOf.get(input)) {
    truePositives++;
    found.add(input);
  } else wrong.push(`wrong match: ${input} → ${match} (${row['score']}; ${row['reasons']})`);
}
const withTwin = [...entityOf.keys()].filter(hasTwin);
if (values['show-errors']) {
  for (const line of wrong) console.log(line);
  for (const id of withTwin) if (!found.has(id)) console.log(`missed: ${id}`);
}
const precision = matches === 0 ? 1 : truePositives / matches;
const recall = withTwin.length === 0 ? 1 : truePositives / withTwin.length;
console.log(
  `records ${entityOf.size}, with a twin ${withTwin.length}, matches ${matches}, right ${truePositives}: ` +
    `precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}`,
);
