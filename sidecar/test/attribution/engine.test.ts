import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeAttributions, INFLUENCE_MODELS, type AttributionLine, type AttributionOpportunity } from '../../src/attribution/index.ts';
import { baselineShares, type BaselineModel } from '../../bench/attribution/baseline.ts';
import { seededRandom } from '../../bench/seeded-random.ts';
import { DAY, NOW, day, input, opportunity, partner, registration, touch } from './fixtures.ts';

const KERNEL_NAME: Record<string, BaselineModel> = {
  'Time Decay': 'time_decay',
  Linear: 'linear',
  'First Touch': 'first_touch',
  'Last Touch': 'last_touch',
  'Position Based': 'position_based',
};

function linesOf(lines: AttributionLine[], role: string, model: string): AttributionLine[] {
  return lines.filter((l) => l.role === role && l.model === model);
}

test('time decay lines reproduce the 7-day half-life example and credit the amount to the cent', () => {
  const deal = opportunity('006A', { closeDate: '2026-06-30' });
  const conversion = deal.closeAt;
  deal.touches = [touch('P1', conversion - 14 * DAY), touch('P2', conversion - 7 * DAY), touch('P3', conversion)];
  const { lines } = computeAttributions(input([deal], [partner('P1'), partner('P2'), partner('P3')], { attributionHalfLifeDays: 7 }));
  const decay = linesOf(lines, 'Influenced', 'Time Decay');
  assert.deepEqual(
    decay.map((l) => [l.partnerId, l.share, l.creditedAmount]),
    [
      ['P1', 0.1428571429, 14285.71],
      ['P2', 0.2857142857, 28571.43],
      ['P3', 0.5714285714, 57142.86],
    ],
  );
  const explained = decay[0]?.explanation.touches?.map((t) => [t.daysBeforeReference, t.weight]);
  assert.deepEqual(explained, [
    [14, 0.25],
    [7, 0.5],
    [0, 1],
  ]);
  assert.equal(decay[0]?.halfLifeDays, 7);
  assert.equal(decay[0]?.commissionRatePercent, 15, 'Gold tier default');
  assert.equal(decay[0]?.proposedCommission, 2142.86);
});

test('position based 40/20/40 over five touches of three partners', () => {
  const deal = opportunity('006B');
  const c = deal.closeAt;
  deal.touches = [
    touch('P1', c - 50 * DAY),
    touch('P2', c - 40 * DAY),
    touch('P3', c - 30 * DAY),
    touch('P2', c - 20 * DAY),
    touch('P3', c - 10 * DAY),
  ];
  const { lines } = computeAttributions(input([deal], [partner('P1'), partner('P2'), partner('P3')]));
  const position = linesOf(lines, 'Influenced', 'Position Based');
  assert.deepEqual(
    position.map((l) => [l.partnerId, l.share, l.creditedAmount, l.proposedCommission]),
    [
      ['P1', 0.4, 40000, null],
      ['P2', 0.1333333333, 13333.33, null],
      ['P3', 0.4666666667, 46666.67, null],
    ],
  );
  assert.deepEqual(
    linesOf(lines, 'Influenced', 'First Touch').map((l) => [l.partnerId, l.share]),
    [['P1', 1]],
  );
  assert.deepEqual(
    linesOf(lines, 'Influenced', 'Last Touch').map((l) => [l.partnerId, l.share]),
    [['P3', 1]],
  );
  assert.deepEqual(
    linesOf(lines, 'Influenced', 'Linear').map((l) => [l.partnerId, l.share]),
    [
      ['P1', 0.2],
      ['P2', 0.4],
      ['P3', 0.4],
    ],
  );
});

test('sourced: the one protected registration that preceded the opportunity; commission on won deals only', () => {
  const created = day('2026-02-01');
  const won = opportunity('006W', { createdAt: created, inPlayAt: created, registrations: [registration('R1', 'P1', created - 10 * DAY)] });
  const open = opportunity('006O', {
    createdAt: created,
    inPlayAt: created,
    isClosed: false,
    isWon: false,
    registrations: [registration('R2', 'P1', created - 10 * DAY)],
  });
  const lost = opportunity('006L', {
    createdAt: created,
    inPlayAt: created,
    isWon: false,
    registrations: [registration('R3', 'P1', created - 10 * DAY)],
  });
  const { lines } = computeAttributions(input([won, open, lost], [partner('P1', { tier: 'Platinum' })]));
  const sourced = linesOf(lines, 'Sourced', 'Registration Rule');
  assert.deepEqual(
    sourced.map((l) => [l.opportunityId, l.share, l.creditedAmount, l.commissionRatePercent, l.proposedCommission, l.referralId]),
    [
      ['006L', 1, 100000, 20, null, 'R3'],
      ['006O', 1, 100000, 20, null, 'R2'],
      ['006W', 1, 100000, 20, 20000, 'R1'],
    ],
  );
  assert.ok(sourced.every((l) => !l.needsReview));
});

test('sourced needs the registration before creation and protection covering it', () => {
  const created = day('2026-02-01');
  const late = registration('R1', 'P1', created + DAY);
  const expired = registration('R2', 'P2', created - 100 * DAY, { protectionEnd: created - 10 * DAY });
  const notYet = registration('R3', 'P3', created - 5 * DAY, { protectionStart: created + DAY });
  const deal = opportunity('006X', { createdAt: created, inPlayAt: created, registrations: [late, expired, notYet] });
  const { lines } = computeAttributions(input([deal], [partner('P1'), partner('P2'), partner('P3')]));
  assert.equal(linesOf(lines, 'Sourced', 'Registration Rule').length, 0);
});

test('conflict rule: the first approved registration that got a first meeting within 14 days wins', () => {
  const created = day('2026-03-01');
  const first = registration('R1', 'P1', created - 30 * DAY, { approvedAt: created - 29 * DAY, firstMeetingAt: null });
  const second = registration('R2', 'P2', created - 25 * DAY, { approvedAt: created - 24 * DAY, firstMeetingAt: created - 20 * DAY });
  const deal = opportunity('006C', { createdAt: created, inPlayAt: created, registrations: [first, second] });
  const [line] = linesOf(computeAttributions(input([deal], [partner('P1'), partner('P2')])).lines, 'Sourced', 'Registration Rule');
  assert.equal(line?.partnerId, 'P2');
  assert.equal(line?.needsReview, false);
  assert.deepEqual(
    line?.explanation.registrations?.map((r) => [r.referralId, r.qualifies]),
    [
      ['R1', 'candidate'],
      ['R2', 'sourced'],
    ],
  );
});

test('conflict rule undecided or tied: proposed and flagged for review', () => {
  const created = day('2026-03-01');
  const a = registration('R1', 'P1', created - 30 * DAY, { approvedAt: created - 29 * DAY });
  const b = registration('R2', 'P2', created - 25 * DAY, { approvedAt: created - 24 * DAY });
  const none = opportunity('006N', { createdAt: created, inPlayAt: created, registrations: [b, a] });
  const tiedAt = created - 20 * DAY;
  const c = registration('R3', 'P3', created - 30 * DAY, { approvedAt: tiedAt, firstMeetingAt: tiedAt + DAY });
  const d = registration('R4', 'P4', created - 30 * DAY, { approvedAt: tiedAt, firstMeetingAt: tiedAt + 2 * DAY });
  const tied = opportunity('006T', { createdAt: created, inPlayAt: created, registrations: [d, c] });
  const sourced = linesOf(
    computeAttributions(
      input(
        [none, tied],
        ['P1', 'P2', 'P3', 'P4'].map((id) => partner(id)),
      ),
    ).lines,
    'Sourced',
    'Registration Rule',
  );
  assert.deepEqual(
    sourced.map((l) => [l.opportunityId, l.partnerId, l.needsReview, l.share]),
    [
      ['006N', 'P1', true, 1],
      ['006T', 'P3', true, 1],
    ],
  );
  assert.match(sourced[0]?.reviewReason ?? '', /none got a first meeting within 14 days/);
  assert.match(sourced[1]?.reviewReason ?? '', /same instant/);
});

test('resold: the reseller of record holds the resold pool, with its own commission rate', () => {
  const deal = opportunity('006R', { resellerPartnerId: 'P9' });
  const { lines } = computeAttributions(input([deal], [partner('P9', { commissionRatePercent: 12.5, tier: 'Silver' })]));
  assert.deepEqual(
    lines.map((l) => [l.role, l.model, l.share, l.creditedAmount, l.commissionRatePercent, l.proposedCommission]),
    [['Resold', 'Reseller of Record', 1, 100000, 12.5, 12500]],
  );
});

test('sourced and influenced are separate pools, never summed', () => {
  const created = day('2026-02-01');
  const deal = opportunity('006S', { createdAt: created, inPlayAt: created, registrations: [registration('R1', 'P1', created - 3 * DAY)] });
  deal.touches = [touch('P1', created + 5 * DAY), touch('P2', created + 50 * DAY)];
  const { lines } = computeAttributions(input([deal], [partner('P1'), partner('P2')]));
  const p1 = lines.filter((l) => l.partnerId === 'P1');
  assert.deepEqual(p1.find((l) => l.role === 'Sourced')?.share, 1);
  const influenced = p1.find((l) => l.model === 'Time Decay')?.share as number;
  assert.ok(influenced > 0 && influenced < 0.5);
  assert.ok(lines.every((l) => l.share <= 1));
});

test('touches after the close, before in play or after now get no credit, and say why', () => {
  const deal = opportunity('006Z');
  deal.touches = [touch('P1', deal.createdAt - 5 * DAY), touch('P2', deal.createdAt + DAY), touch('P3', deal.closeAt + 1)];
  const open = opportunity('006Y', { isClosed: false, isWon: false });
  open.touches = [touch('P2', open.createdAt + DAY), touch('P4', NOW + DAY)];
  const { lines } = computeAttributions(
    input(
      [deal, open],
      ['P1', 'P2', 'P3', 'P4'].map((id) => partner(id)),
    ),
  );
  for (const model of INFLUENCE_MODELS)
    assert.deepEqual(
      linesOf(lines, 'Influenced', model).map((l) => [l.opportunityId, l.partnerId, l.share]),
      [
        ['006Y', 'P2', 1],
        ['006Z', 'P2', 1],
      ],
    );
  const statuses = linesOf(lines, 'Influenced', 'Time Decay').flatMap((l) => l.explanation.touches?.map((t) => t.status) ?? []);
  assert.deepEqual(statuses, ['counted', 'after now', 'before in play', 'counted', 'after close']);
});

test('an open deal: shares do not drift with "now", and no commission is proposed', () => {
  const deal = opportunity('006O', { isClosed: false, isWon: false });
  deal.touches = [touch('P1', deal.createdAt + DAY), touch('P2', deal.createdAt + 20 * DAY), touch('P1', deal.createdAt + 40 * DAY)];
  const today = computeAttributions(input([deal], [partner('P1'), partner('P2')]));
  const later = computeAttributions({ ...input([deal], [partner('P1'), partner('P2')]), now: NOW + 45 * DAY });
  assert.equal(JSON.stringify(later), JSON.stringify(today));
  assert.ok(today.lines.every((l) => l.proposedCommission === null));
});

test('half-life → ∞ gives the linear split', () => {
  const deal = opportunity('006H');
  deal.touches = [touch('P1', deal.createdAt + DAY), touch('P2', deal.createdAt + 2 * DAY), touch('P3', deal.createdAt + 99 * DAY)];
  const { lines } = computeAttributions(
    input(
      [deal],
      ['P1', 'P2', 'P3'].map((id) => partner(id)),
      { attributionHalfLifeDays: Number.POSITIVE_INFINITY },
    ),
  );
  assert.deepEqual(
    linesOf(lines, 'Influenced', 'Time Decay').map((l) => [l.partnerId, l.share, l.creditedAmount]),
    linesOf(lines, 'Influenced', 'Linear').map((l) => [l.partnerId, l.share, l.creditedAmount]),
  );
});

function randomDeals(seed: number, count: number): AttributionOpportunity[] {
  const random = seededRandom(seed);
  const deals: AttributionOpportunity[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = day('2025-01-01') + Math.floor(random() * 500) * DAY + Math.floor(random() * DAY);
    const isClosed = random() < 0.7;
    const closeAt = createdAt + Math.floor(30 + random() * 200) * DAY;
    const closeDate = new Date(closeAt).toISOString().slice(0, 10);
    const deal = opportunity(`006${String(i).padStart(6, '0')}`, {
      createdAt,
      inPlayAt: createdAt - Math.floor(random() * 20) * DAY,
      closeDate,
      closeAt: day(closeDate) + DAY,
      isClosed,
      isWon: isClosed && random() < 0.5,
      amount: random() < 0.05 ? null : Math.round(random() * 1e7) / 100,
      resellerPartnerId: random() < 0.2 ? `P${Math.floor(random() * 8)}` : null,
    });
    const touches = Math.floor(random() * 12);
    for (let t = 0; t < touches; t++)
      deal.touches.push(touch(`P${Math.floor(random() * 8)}`, createdAt - 30 * DAY + Math.floor(random() * 300 * DAY)));
    if (random() < 0.5)
      deal.registrations.push(registration(`R${i}`, `P${Math.floor(random() * 8)}`, createdAt - Math.floor(random() * 40) * DAY));
    deals.push(deal);
  }
  return deals;
}

const PARTNERS = Array.from({ length: 8 }, (_, i) =>
  partner(`P${i}`, { tier: ['Platinum', 'Gold', 'Silver', 'Registered'][i % 4] as string, commissionRatePercent: i === 5 ? 7.5 : null }),
);

test('deterministic bit for bit, whatever the input order', () => {
  const deals = randomDeals(42, 300);
  const first = JSON.stringify(computeAttributions(input(deals, PARTNERS)));
  assert.equal(JSON.stringify(computeAttributions(input(deals, PARTNERS))), first);
  const shuffled = [...deals].reverse().map((d) => ({ ...d, touches: [...d.touches].reverse() }));
  assert.equal(JSON.stringify(computeAttributions(input(shuffled, [...PARTNERS].reverse()))), first);
});

test('every role pool sums to 1 within 1e-9, credited amounts add up to the deal amount to the cent', () => {
  const deals = randomDeals(7, 400);
  const { lines } = computeAttributions(input(deals, PARTNERS));
  const pools = new Map<string, AttributionLine[]>();
  for (const line of lines) {
    const key = `${line.opportunityId}|${line.role}|${line.model}`;
    pools.set(key, [...(pools.get(key) ?? []), line]);
  }
  assert.ok(pools.size > 500);
  for (const [key, pool] of pools) {
    const sum = pool.reduce((s, l) => s + l.share, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9, `${key}: ${sum}`);
    const deal = deals.find((d) => d.id === pool[0]?.opportunityId) as AttributionOpportunity;
    const credited = pool.reduce((s, l) => s + Math.round(l.creditedAmount * 100), 0);
    assert.equal(credited, Math.round((deal.amount ?? 0) * 100), key);
    if (pool[0]?.role === 'Sourced') assert.equal(pool.length, 1, 'one sourced partner');
  }
});

test('the object API and the straightforward baseline agree on every partner share', () => {
  const deals = randomDeals(99, 300);
  const settings = { halfLifeDays: 30, positionFirstWeight: 0.4, positionLastWeight: 0.4 };
  const { lines } = computeAttributions(input(deals, PARTNERS));
  for (const deal of deals) {
    const touches = [...deal.touches].sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
    const baselineDeal = {
      inPlayAt: deal.inPlayAt,
      asOf: deal.isClosed ? deal.closeAt : NOW,
      open: !deal.isClosed,
      amount: deal.amount ?? 0,
      touches: touches.map((t) => ({ at: t.at, partner: Number(t.partnerId.slice(1)) })),
    };
    for (const model of INFLUENCE_MODELS) {
      const shares = baselineShares(baselineDeal, KERNEL_NAME[model] as BaselineModel, settings);
      const expected = new Map<string, number>();
      touches.forEach(
        (t, i) => (shares[i] as number) > 0 && expected.set(t.partnerId, (expected.get(t.partnerId) ?? 0) + (shares[i] as number)),
      );
      const actual = lines.filter((l) => l.opportunityId === deal.id && l.model === model);
      assert.equal(actual.length, expected.size, `${deal.id} ${model}`);
      for (const line of actual)
        assert.ok(Math.abs(line.share - (expected.get(line.partnerId) as number)) <= 2e-10, `${deal.id} ${model} ${line.partnerId}`);
    }
  }
});

test('a partner that was not loaded is still credited, at the programme default rate, and flagged', () => {
  const deal = opportunity('006U', { resellerPartnerId: 'P404' });
  const [line] = computeAttributions(input([deal], [])).lines;
  assert.equal(line?.commissionRatePercent, 10);
  assert.equal(line?.needsReview, true);
  assert.match(line?.reviewReason ?? '', /P404 was not among the loaded partners/);
});

test('on a crowded deal an explanation keeps the counted touches and the partner’s own, and stays within the field', () => {
  const deal = opportunity('006K');
  for (let i = 0; i < 40; i++) deal.touches.push(touch(`P${i % 4}`, deal.createdAt + (i + 1) * DAY));
  deal.touches.push(touch('P9', deal.createdAt - DAY));
  const { lines } = computeAttributions(
    input(
      [deal],
      ['P0', 'P1', 'P2', 'P3', 'P9'].map((id) => partner(id)),
    ),
  );
  const line = lines.find((l) => l.model === 'Time Decay' && l.partnerId === 'P0');
  assert.equal(line?.explanation.touches?.length, 40, 'the before-in-play touch of P9 is not P0’s business');
  assert.ok(JSON.stringify(line?.explanation).length < 131_072);
});

test('Explanation__c text is exactly the JSON of the explanation, even with "$&" in the evidence', () => {
  const deals = randomDeals(5, 200);
  deals[0]?.touches.push({ ...touch('P1', (deals[0]?.createdAt ?? 0) + DAY), evidence: 'Paid $& and $1 "quoted" \\ back' });
  const { lines } = computeAttributions(input(deals, PARTNERS));
  assert.ok(lines.length > 1000);
  for (const line of lines) assert.equal(line.explanationJson, JSON.stringify(line.explanation));
});

test('input the engine cannot use fails with the record and field named', () => {
  const deal = opportunity('006E');
  assert.throws(() => computeAttributions(input([deal, deal], [])), /Opportunity 006E appears twice/);
  const bad = opportunity('006F');
  bad.touches = [{ ...touch('P1', 0), key: 'Partner_Touch__c:TX', at: Number.NaN }];
  assert.throws(() => computeAttributions(input([bad], [])), /Opportunity 006F touch Partner_Touch__c:TX\.at: not a time/);
  assert.throws(() => computeAttributions(input([opportunity('006G', { closeAt: Number.POSITIVE_INFINITY })], [])), /006G\.closeAt/);
});
