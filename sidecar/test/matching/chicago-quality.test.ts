import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DEFAULT_CHICAGO_CSV, measureChicagoQuality } from '../../bench/match/quality.ts';

/** The labelled data lives outside the repository: MATCH_QUALITY_CSV or ../shared/data/matching. */
const csvPath = process.env.MATCH_QUALITY_CSV ?? DEFAULT_CHICAGO_CSV;
const skip = existsSync(csvPath) ? false : `labelled data not found at ${csvPath} (set MATCH_QUALITY_CSV to run this test)`;

it('record-level precision ≥ 0.98 and recall ≥ 0.85 on the labelled Chicago early-learning sites', { skip }, () => {
  const report = measureChicagoQuality(csvPath);
  assert.equal(report.records, 3337);
  assert.ok(report.precision >= 0.98, `precision ${report.precision}`);
  assert.ok(report.recall >= 0.85, `recall ${report.recall}`);
});
