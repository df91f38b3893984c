/**
 * A small seeded random generator (mulberry32) and helpers. Records are generated from
 * per-index streams (`forIndex`), so record i of a kind is the same whatever else is generated:
 * a million-record org streams without keeping earlier records in memory.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream for the index-th item of a kind (e.g. 'account', 42). */
  static forIndex(seed: number, kind: string, index: number): SeededRandom {
    let hash = 2166136261 ^ seed;
    for (const char of `${kind}:${index}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    return new SeededRandom(hash >>> 0);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A few distinct items. */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const count = Math.min(items.length, this.int(min, max));
    const pool = [...items];
    const chosen: T[] = [];
    for (let i = 0; i < count; i++) chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return chosen;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
}
