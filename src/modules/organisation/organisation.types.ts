/** The organisation tree: institutes/faculties, chairs, programmes (specialities) and study groups. */
import { Field, Int, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { ConnectionType } from '../../graphql/connection';
import { FacultyKind, DegreeLevel, type ChairRecord, type FacultyRecord, type GroupRecord, type ProgrammeRecord } from '../../domain/organisation';

registerEnumType(FacultyKind, {
  name: 'FacultyKind',
  description: 'Whether a top-level academic unit is a faculty or an institute (they play the same role in AVN).',
  valuesConfig: {
    FACULTY: { description: 'A faculty (факультет).' },
    INSTITUTE: { description: 'An institute (институт) inside the university.' },
  },
});

registerEnumType(DegreeLevel, {
  name: 'DegreeLevel',
  description: 'The level of higher education a programme leads to.',
  valuesConfig: {
    BACHELOR: { description: 'Bachelor (бакалавр), usually four years.' },
    MASTER: { description: 'Master (магистр), usually two years after a bachelor.' },
    SPECIALIST: { description: 'Specialist (специалист), a five-year degree kept in a few fields.' },
  },
});

@HubObject('An institute or faculty (факультет/институт): the unit a dean\'s office runs. Source: AVN.')
export class Faculty implements FacultyRecord {
  __typename!: 'Faculty';
  id!: string;
  /** The faculty's key in AVN. */
  key!: number;
  deanKey!: number | null;

  @Field({ description: 'Short code of the unit in AVN.' })
  code!: string;

  @Field({ description: 'Name in Kyrgyz.' })
  name!: string;

  @Field({ description: 'Name in Russian.' })
  nameRu!: string;

  @Field({ description: 'Abbreviation used on documents and in group names.' })
  shortName!: string;

  @Field(() => FacultyKind, { description: 'Faculty or institute.' })
  kind!: FacultyKind;
}

@HubObject('A chair (кафедра): teaches disciplines and employs the teaching staff. Source: AVN.')
export class Chair implements ChairRecord {
  __typename!: 'Chair';
  id!: string;
  key!: number;
  facultyKey!: number;
  headKey!: number | null;

  @Field({ description: 'Name in Kyrgyz.' })
  name!: string;

  @Field({ description: 'Name in Russian.' })
  nameRu!: string;
}

@HubObject('A study programme (специальность / направление) with its state code. Source: AVN.')
export class Programme implements ProgrammeRecord {
  __typename!: 'Programme';
  id!: string;
  key!: number;
  facultyKey!: number;
  chairKey!: number;

  @Field({ description: 'State classifier code of the programme, e.g. "710400".' })
  code!: string;

  @Field({ description: 'Name in Kyrgyz.' })
  name!: string;

  @Field({ description: 'Name in Russian.' })
  nameRu!: string;

  @Field(() => DegreeLevel, { description: 'Degree the programme leads to.' })
  level!: DegreeLevel;

  @Field(() => Int, { description: 'Standard length of study in years.' })
  durationYears!: number;
}

@HubObject('A study group (топ/группа) of one programme and intake year. Source: AVN.')
export class Group implements GroupRecord {
  __typename!: 'Group';
  id!: string;
  key!: number;
  programmeKey!: number;
  curatorKey!: number | null;

  @Field({ description: 'Group name as printed in the timetable, e.g. "ПИ-2-24".' })
  name!: string;

  @Field(() => Int, { description: 'Current year of study (курс), from 1.' })
  yearOfStudy!: number;

  @Field(() => Int, { description: 'Calendar year the group was admitted.' })
  intakeYear!: number;

  @Field({ description: 'Language of instruction: "ky" (Kyrgyz) or "ru" (Russian).' })
  language!: string;
}

export const GroupConnection = ConnectionType(Group, 'Group', 'study group');
export const ProgrammeConnection = ConnectionType(Programme, 'Programme', 'study programme');
