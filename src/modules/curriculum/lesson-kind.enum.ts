/** The kind of a class (lecture, practice, lab): shared by the teaching load and the journal. */
import { registerEnumType } from 'type-graphql';

export enum LessonKind {
  LECTURE = 'LECTURE',
  PRACTICE = 'PRACTICE',
  LAB = 'LAB',
}
registerEnumType(LessonKind, {
  name: 'LessonKind',
  description: 'Kind of class, as the teaching load and the journal record it.',
  valuesConfig: {
    LECTURE: { description: 'Lecture (лекция), usually for a whole stream of groups.' },
    PRACTICE: { description: 'Practical class / seminar (практика).' },
    LAB: { description: 'Laboratory work (лабораторная).' },
  },
});
