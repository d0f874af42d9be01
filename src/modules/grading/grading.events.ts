/**
 * Grade-sheet writes are announced on the in-process bus once committed, so that live-data
 * subscriptions (and caches) can react. One topic, one small payload: what changed, not the values.
 */
import { pubSub } from '../../events/pubsub';
import { toGlobalId } from '../../domain/global-id';

export const GRADES_CHANGED = 'GRADES_CHANGED';

export type GradesChange = 'SCORES' | 'SUBMITTED' | 'REOPENED';

export interface GradesChangedEvent {
  /** Global ID of the GradeSheet. */
  gradeSheetId: string;
  /** The sheet's key in AVN. */
  gradeSheetKey: number;
  /** AVN keys of the students whose rows changed (empty for a status change). */
  studentKeys: number[];
  change: GradesChange;
  at: string;
}

export function publishGradesChanged(gradeSheetKey: number, change: GradesChange, studentKeys: number[] = []): GradesChangedEvent {
  const event: GradesChangedEvent = {
    gradeSheetId: toGlobalId('GradeSheet', gradeSheetKey), gradeSheetKey, studentKeys, change, at: new Date().toISOString(),
  };
  pubSub.publish(GRADES_CHANGED, event);
  return event;
}
