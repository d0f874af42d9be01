/**
 * A chair's and a faculty's staffing and teaching-load figures: totals computed in the source per
 * batch of units, on the staffing table's and the load's own definitions.
 */
import { Field, Float, Int } from 'type-graphql';
import type { ChairStaffingRecord, ChairTeachingLoadRecord } from '../../domain/staff';
import { HubObject } from '../../graphql/object-type';

@HubObject('A chair\'s staffing today: its staffing-table lines summed, and how many people hold its positions. Source: AVN.', { node: false })
export class ChairStaffing implements ChairStaffingRecord {
  chairKey!: number;
  facultyKey!: number;

  @Field(() => Float, { description: 'Rates (ставок) the staffing table provides for the chair: the sum of its lines\' `rates`.' })
  rates!: number;

  @Field(() => Float, { description: 'Rates taken by current assignments: the sum of its lines\' `filledRates`.' })
  filledRates!: number;

  @Field(() => Float, { description: 'Rates still free: the sum of its lines\' `vacantRates` (over-filled lines count negative).' })
  vacantRates!: number;

  @Field(() => Int, { description: 'Distinct employees with a current position in the chair (the length of `Chair.teachers`): one person on two lines counts once.' })
  teacherCount!: number;
}

@HubObject('The teaching-load hours of a chair\'s current employees in one academic year. Source: AVN.', { node: false })
export class ChairTeachingLoad implements ChairTeachingLoadRecord {
  chairKey!: number;
  facultyKey!: number;

  @Field({ description: 'The academic year, e.g. "2026-2027".' })
  academicYear!: string;

  @Field(() => Int, { description: 'Distinct employees whose load is summed: those with a current position in the chair.' })
  teacherCount!: number;

  @Field(() => Int, { description: 'Sum of the hours of their load lines in the year (each teacher once; a teacher of two chairs counts in both).' })
  totalHours!: number;

  @Field(() => Int, { description: 'Sum of the lecture hours.' })
  lectureHours!: number;

  @Field(() => Int, { description: 'Sum of the practice hours.' })
  practiceHours!: number;

  @Field(() => Int, { description: 'Sum of the laboratory hours.' })
  labHours!: number;
}

@HubObject('A faculty\'s headcount today. Source: AVN.', { node: false })
export class FacultyStaffing {
  facultyKey!: number;

  @Field(() => Int, { description: 'Distinct employees with a current position in the faculty or any of its chairs: someone in two of its chairs counts once.' })
  teacherCount!: number;
}
