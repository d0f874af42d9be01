/**
 * What the identity matcher should find: which source records are the same real person. The
 * generator knows it because it made every record from a Person (see people.ts).
 */

/** For every person-bearing record: `${source}:${localKey}` → the true person's key (opaque; equal for records of the same real person). */
export interface IdentityGroundTruth {
  records: Map<string, string>;
}

/** The record kinds of the ground truth and the local key each is identified by. */
export const GROUND_TRUTH_SOURCES = {
  'avn.student': 'stud_id',
  'avn.employee': 'emp_id',
  'avn.applicant': 'abit_id',
  'library.borrower': 'borrowernumber',
  'dormitory.resident': 'resident_id',
} as const;
export type GroundTruthSource = keyof typeof GROUND_TRUTH_SOURCES;

export class GroundTruthBuilder {
  readonly records = new Map<string, string>();

  add(source: GroundTruthSource, localKey: number | string, personKey: string): void {
    this.records.set(`${source}:${localKey}`, personKey);
  }

  build(): IdentityGroundTruth {
    return { records: this.records };
  }
}

/** Groups record ids by person: the clusters a perfect matcher would produce. */
export function clustersOf(truth: IdentityGroundTruth): Map<string, string[]> {
  const clusters = new Map<string, string[]>();
  for (const [record, person] of truth.records) {
    const list = clusters.get(person);
    if (list) list.push(record);
    else clusters.set(person, [record]);
  }
  return clusters;
}
