/** Teaching load (AVN 6): who teaches which discipline to which group, how many hours. */
import { Field, Int } from 'type-graphql';
import type { TeachingLoadItemRecord } from '../../domain/staff';
import { HubObject } from '../../graphql/object-type';
import { LessonKind } from '../../domain/curriculum';
import { AcademicTerm } from '../../domain/curriculum';

@HubObject('One line of the teaching load (окуу жүктөмү, AVN 6): a teacher, a discipline, a group, a kind of class and its hours in one semester. Source: AVN.', { node: false })
export class TeachingLoadItem implements TeachingLoadItemRecord {
  employeeKey!: number;
  disciplineKey!: number;
  groupKey!: number;

  @Field({ description: 'Academic year, e.g. "2026-2027".' })
  academicYear!: string;

  @Field(() => Int, { description: 'Semester of study of the group (the curriculum\'s semester, counted from admission: 1, 2, 3, …).' })
  semester!: number;

  @Field(() => AcademicTerm, { description: 'Autumn or spring (from the semester: odd semesters are in autumn).' })
  term!: AcademicTerm;

  @Field(() => LessonKind, { description: 'Kind of class the hours are for.' })
  kind!: LessonKind;

  @Field(() => Int, { description: 'Contact hours assigned.' })
  hours!: number;
}

@HubObject('A teaching load for one academic year (or one term or semester of it, as asked), with its lines and totals.', { node: false })
export class TeachingLoad {
  @Field({ description: 'The academic year the load is for, e.g. "2026-2027".' })
  academicYear!: string;

  @Field(() => AcademicTerm, { nullable: true, description: 'The term the load is limited to; null when not limited to one.' })
  term!: AcademicTerm | null;

  @Field(() => Int, { nullable: true, description: 'The semester of study the load is limited to; null when not limited to one.' })
  semester!: number | null;

  @Field(() => [TeachingLoadItem], { description: 'The lines of the load, by semester, discipline, group and kind.' })
  items!: TeachingLoadItem[];

  @Field(() => Int, { description: 'Sum of `hours` of all lines.' })
  totalHours!: number;

  @Field(() => Int, { description: 'Sum of the lecture hours.' })
  lectureHours!: number;

  @Field(() => Int, { description: 'Sum of the practice hours.' })
  practiceHours!: number;

  @Field(() => Int, { description: 'Sum of the laboratory hours.' })
  labHours!: number;
}
