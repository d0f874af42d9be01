/**
 * The half of the academic year as a GraphQL enum. Semesters of study count from admission
 * (1, 2, 3, …), so a term is what a teacher's load or a dean's report across courses filters by
 * (src/domain/academic-term.ts: odd semesters fall in autumn, even ones in spring).
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
