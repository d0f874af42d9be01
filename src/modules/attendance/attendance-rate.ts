/**
 * Share of marks that count as attended (PRESENT or LATE) among `total` marks, from 0 to 1; null
 * when nothing was marked. One rule for a lesson's rate and for a student's (per discipline and
 * overall).
 */
export function attendanceRate(present: number, late: number, total: number): number | null {
  return total > 0 ? (present + late) / total : null;
}
