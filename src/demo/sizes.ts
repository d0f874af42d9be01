/**
 * How big the demo university is at a given scale. Scale 1 is close to KNU's real size; every
 * count has a floor so that a tiny scale (0.01) still gives a complete university in which every
 * table and every kind of case exists.
 */

export interface DemoSizes {
  faculties: number;
  chairs: number;
  specialities: number;
  groups: number;
  students: number;
  teachingStaff: number;
  adminStaff: number;
  applicants: number;
  namesakePairs: number;
  /** Students with a twin who is a reader of the library only (issue 10.5). */
  twinPairs: number;
  externalReaders: number;
  biblios: number;
  buildings: number;
  beds: number;
  serviceRequests: number;
  documentFlow: number;
}

const at = (base: number, scale: number, floor: number): number => Math.max(floor, Math.round(base * scale));

export function sizesFor(scale: number): DemoSizes {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number (got ${scale})`);
  return {
    faculties: Math.min(13, at(12, scale, 2)),
    chairs: at(80, scale, 4),
    specialities: at(150, scale, 3),
    groups: at(700, scale, 4),
    students: at(20000, scale, 120),
    teachingStaff: at(1400, scale, 16),
    adminStaff: at(600, scale, 8),
    applicants: at(3000, scale, 30),
    namesakePairs: at(10, scale, 2),
    twinPairs: at(12, scale, 3),
    externalReaders: at(500, scale, 8),
    biblios: at(8000, scale, 80),
    buildings: Math.min(12, at(6, scale, 2)),
    beds: at(3000, scale, 40),
    serviceRequests: at(4000, scale, 60),
    documentFlow: at(1500, scale, 30),
  };
}
