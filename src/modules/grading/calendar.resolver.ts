/** The academic calendar: queries for everyone, changes for administrators (thin: rules live in the service). */
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { facultyById } from '../../sources/avn/avn.organisation';
import { facultyKeyOfGradeSheet } from '../../sources/avn/avn.gradesheets';
import { gradeWindowById, periodById, windowsForSheetTerm } from '../../hub/calendar/calendar.store';
import { Faculty } from '../organisation/organisation.types';
import { GradeSheet } from '../curriculum/grade-sheet.types';
import { AcademicCalendar, AcademicPeriod, GradeWindow, GradeWindowConnection } from './calendar.types';
import {
  CreateAcademicPeriodInput, CreateGradeWindowInput, GradeWindowsArgs, UpdateAcademicPeriodInput, UpdateGradeWindowInput,
} from './calendar.inputs';
import * as calendar from './calendar.service';

registerNode('AcademicPeriod', (key, c) => periodById(c).load(Number(key)));
registerNode('GradeWindow', (key, c) => gradeWindowById(c).load(Number(key)));

@Resolver()
export class AcademicCalendarQueries {
  @Query(() => AcademicCalendar, { nullable: true, description: 'The academic calendar of one academic year: classes, examination sessions and holidays, by date.' })
  academicCalendar(
    @Arg('academicYear', { description: 'Academic year, e.g. "2026-2027".' }) academicYear: string,
    @Ctx() context: HubContext,
  ) {
    return calendar.academicCalendar(context, academicYear);
  }

  @Query(() => GradeWindowConnection, { nullable: true,
    description: 'Grade-entry windows (when teachers may enter module 1, module 2 and final scores), earliest opening first; filter by faculty, academic year, term or semester, control, an instant or the current state.',
  })
  gradeWindows(@Args() args: GradeWindowsArgs, @Ctx() context: HubContext) {
    return calendar.listGradeWindows(context, args);
  }
}

@Resolver()
export class AcademicCalendarMutations {
  @Mutation(() => GradeWindow, { description: 'Adds a grade-entry window. Administrators only (FORBIDDEN otherwise); audited.' })
  createGradeWindow(@Arg('input', () => CreateGradeWindowInput, { description: 'The new window.' }) input: CreateGradeWindowInput, @Ctx() context: HubContext) {
    return calendar.createGradeWindow(context, input);
  }

  @Mutation(() => GradeWindow, { description: 'Changes a grade-entry window (dates, faculty, term or control). Administrators only; audited.' })
  updateGradeWindow(@Arg('input', () => UpdateGradeWindowInput, { description: 'The window and its changed fields.' }) input: UpdateGradeWindowInput, @Ctx() context: HubContext) {
    return calendar.updateGradeWindow(context, input);
  }

  @Mutation(() => GradeWindow, { description: 'Closes an open grade-entry window now (its `closesAt` becomes the current business instant, see `businessTime`). Administrators only; audited.' })
  closeGradeWindow(@Arg('id', () => ID, { description: 'The window (a GradeWindow id).' }) id: string, @Ctx() context: HubContext) {
    return calendar.closeGradeWindow(context, id);
  }

  @Mutation(() => ID, { description: 'Deletes a grade-entry window and returns its id. Administrators only; audited.' })
  deleteGradeWindow(@Arg('id', () => ID, { description: 'The window (a GradeWindow id).' }) id: string, @Ctx() context: HubContext) {
    return calendar.deleteGradeWindow(context, id);
  }

  @Mutation(() => AcademicPeriod, { description: 'Adds a period to the academic calendar. Administrators only; audited.' })
  createAcademicPeriod(@Arg('input', () => CreateAcademicPeriodInput, { description: 'The new period.' }) input: CreateAcademicPeriodInput, @Ctx() context: HubContext) {
    return calendar.createAcademicPeriod(context, input);
  }

  @Mutation(() => AcademicPeriod, { description: 'Changes a period of the academic calendar. Administrators only; audited.' })
  updateAcademicPeriod(@Arg('input', () => UpdateAcademicPeriodInput, { description: 'The period and its changed fields.' }) input: UpdateAcademicPeriodInput, @Ctx() context: HubContext) {
    return calendar.updateAcademicPeriod(context, input);
  }

  @Mutation(() => ID, { description: 'Deletes a period of the academic calendar and returns its id. Administrators only; audited.' })
  deleteAcademicPeriod(@Arg('id', () => ID, { description: 'The period (an AcademicPeriod id).' }) id: string, @Ctx() context: HubContext) {
    return calendar.deleteAcademicPeriod(context, id);
  }
}

@Resolver(() => GradeWindow)
export class GradeWindowRelations {
  @FieldResolver(() => Faculty, { nullable: true, description: 'The faculty whose sheets the window opens; null when it applies to every faculty (or AVN is unavailable).' })
  faculty(@Root() window: GradeWindow, @Ctx() context: HubContext) {
    return window.facultyKey === null ? null : facultyById(context).load(window.facultyKey);
  }
}

@Resolver(() => GradeSheet)
export class GradeSheetWindowRelations {
  @FieldResolver(() => [GradeWindow], {
    nullable: true,
    description: 'The grade-entry windows governing this sheet (its faculty\'s and every faculty\'s, for its academic year and term), by control then opening. A control may be entered while one of its windows is OPEN. Null when the hub calendar is unavailable.',
  })
  async gradeWindows(@Root() sheet: GradeSheet, @Ctx() context: HubContext) {
    const facultyKey = await facultyKeyOfGradeSheet(context).load(sheet.key);
    if (facultyKey === null) return [];
    return windowsForSheetTerm(context).load({ facultyKey, academicYear: sheet.academicYear, term: sheet.term });
  }
}

export const academicCalendarResolvers = [AcademicCalendarQueries, AcademicCalendarMutations, GradeWindowRelations, GradeSheetWindowRelations] as const;
