/** Grade entry on electronic grade sheets: thin mutations over grade-entry.service.ts. */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { GradeSheet } from '../curriculum/grade-sheet.types';
import { SetGradeScoresInput } from './grade-entry.inputs';
import { reopenGradeSheet, setGradeScores, submitGradeSheet } from './grade-entry.service';

@Resolver()
export class GradeEntryMutations {
  @Mutation(() => GradeSheet, {
    description: 'Enters or changes scores on a grade sheet, all or nothing. Only the sheet\'s own teacher (or an administrator); '
      + 'only while the grade-entry window of each changed control is open (GRADE_WINDOW_CLOSED, with `control`, `opensAt` / `closedAt`); '
      + 'only on an OPEN or REOPENED sheet (SHEET_LOCKED); each score 0 … its maximum (VALIDATION_FAILED with `field`). '
      + 'Total and letter follow from the grading scale once all three components are entered. Returns the sheet as now stored; audited.',
  })
  setGradeScores(@Arg('input', () => SetGradeScoresInput, { description: 'The sheet and the scores to write.' }) input: SetGradeScoresInput, @Ctx() context: HubContext) {
    return setGradeScores(context, input);
  }

  @Mutation(() => GradeSheet, {
    description: 'Submits a grade sheet: it becomes SUBMITTED with today\'s closing date and is locked (SHEET_LOCKED for further changes). Its teacher or an administrator; audited. '
      + 'A teacher submits only while a grade-entry window of the sheet\'s faculty, academic year and term is open, of any control (GRADE_WINDOW_CLOSED otherwise, with when the next one opens or the last one closed); administrators are not bound by windows.',
  })
  submitGradeSheet(@Arg('id', () => ID, { description: 'The grade sheet (a GradeSheet id).' }) id: string, @Ctx() context: HubContext) {
    return submitGradeSheet(context, id);
  }

  @Mutation(() => GradeSheet, {
    description: 'Reopens a submitted grade sheet for corrections (status REOPENED). Administrators only (FORBIDDEN otherwise); the reason is kept in the audit log.',
  })
  reopenGradeSheet(
    @Arg('id', () => ID, { description: 'The grade sheet (a GradeSheet id).' }) id: string,
    @Arg('reason', { description: 'Why the sheet is reopened (3 to 1000 characters), e.g. the dean\'s memo number; audited.' }) reason: string,
    @Ctx() context: HubContext,
  ) {
    return reopenGradeSheet(context, id, reason);
  }
}

export const gradeEntryResolvers = [GradeEntryMutations] as const;
