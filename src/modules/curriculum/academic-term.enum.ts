/**
 * The half of the academic year. AVN numbers semesters of study from admission (1, 2, 3, …), so
 * a term is what a teacher's load or a dean's report across courses filters by: odd semesters of
 * study fall in autumn, even ones in spring.
 */
import { registerEnumType } from 'type-graphql';
import { AcademicTerm } from '../../domain/curriculum';

registerEnumType(AcademicTerm, {
  name: 'AcademicTerm',
  description: 'Half of the academic year. Odd semesters of study (1, 3, 5, …) are in autumn, even ones in spring.',
  valuesConfig: {
    AUTUMN: { description: 'Autumn term: September to January (odd semesters of study).' },
    SPRING: { description: 'Spring term: February to June (even semesters of study).' },
  },
});

/** The term a semester of study falls in. */
export function termOfSemester(semester: number): AcademicTerm {
  return semester % 2 === 1 ? AcademicTerm.AUTUMN : AcademicTerm.SPRING;
}

/** SQL condition "semester column falls in term" (the column is a trusted identifier from code). */
export function termCondition(column: string, term: AcademicTerm): string {
  return `${column} % 2 = ${term === AcademicTerm.AUTUMN ? 1 : 0}`;
}
