/**
 * Record-level precision and recall of best matches against entity labels, as the matching
 * issue measures them (and the Chicago data's README): a record's best match is right when it
 * has the record's entity; precision = right / matches returned, recall = right / records whose
 * entity has more than one record. One definition for quality.ts (the engine in-process) and
 * score-output.ts (a CLI output file).
 */
export interface BestMatch {
  input: string;
  match: string;
}

export interface RecordLevelScore<T extends BestMatch> {
  records: number;
  recordsWithTwin: number;
  matchesReturned: number;
  truePositives: number;
  precision: number;
  recall: number;
  /** The matches whose record has another entity. */
  wrong: T[];
  /** Records with a twin whose best match was not one. */
  missed: string[];
}

export class EntityLabels {
  private readonly entityOf = new Map<string, string>();
  private readonly entitySizes = new Map<string, number>();

  add(id: string, entity: string): void {
    this.entityOf.set(id, entity);
    this.entitySizes.set(entity, (this.entitySizes.get(entity) ?? 0) + 1);
  }

  has(id: string): boolean {
    return this.entityOf.has(id);
  }

  /** Scores one best match per record (records without one are simply absent). */
  score<T extends BestMatch>(bestMatches: Iterable<T>): RecordLevelScore<T> {
    let matchesReturned = 0;
    const right = new Set<string>();
    const wrong: T[] = [];
    for (const best of bestMatches) {
      matchesReturned++;
      if (this.entityOf.get(best.match) === this.entityOf.get(best.input)) right.add(best.input);
      else wrong.push(best);
    }
    const withTwin = [...this.entityOf.keys()].filter((id) => (this.entitySizes.get(this.entityOf.get(id) as string) ?? 0) > 1);
    return {
      records: this.entityOf.size,
      recordsWithTwin: withTwin.length,
      matchesReturned,
      truePositives: right.size,
      precision: matchesReturned === 0 ? 1 : right.size / matchesReturned,
      recall: withTwin.length === 0 ? 1 : right.size / withTwin.length,
      wrong,
      missed: withTwin.filter((id) => !right.has(id)),
    };
  }
}
