/**
 * The matching benchmark's contract with whoever reads it: it runs to the end and its last line
 * is one JSON object with the figures the issue names (and the machine gauges beside them). Run
 * small (a hundredth of the full size), so it checks the output, not the speed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const BENCH = fileURLToPath(new URL('../../bench/match/run.ts', import.meta.url));

test('bench:match ends with one JSON line holding every figure it is read for', () => {
  const run = spawnSync(process.execPath, [BENCH, '--scale', '0.01', '--no-baseline', '--latency-samples', '200'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  const figures = JSON.parse(lines[lines.length - 1] as string) as Record<string, unknown>;
  for (const key of ['wall_s', 'peak_rss_mb', 'candidate_pairs', 'p50_ms', 'p99_ms', 'build_s', 'match_s', 'data_generation_s'])
    assert.ok(typeof figures[key] === 'number' && (figures[key] as number) > 0, `${key}: ${String(figures[key])}`);
  // Without the baseline its figures are null, not missing.
  for (const key of ['baseline_wall_s', 'speedup']) assert.ok(key in figures && figures[key] === null, key);
  for (const key of ['two_thread_scaling_before', 'two_thread_scaling_after'])
    assert.ok(
      typeof figures[key] === 'number' && (figures[key] as number) > 0 && (figures[key] as number) < 4,
      `${key}: ${String(figures[key])}`,
    );
  assert.equal(figures.scale, 0.01);
  // The wall is the build and the batch match (each rounded on its own, hence the tolerance).
  assert.ok(
    Math.abs((figures.wall_s as number) - (figures.build_s as number) - (figures.match_s as number)) <= 0.002,
    'wall = build + match',
  );
  assert.match(run.stdout, /wall \(build \+ match\)/);
});
