/**
 * MikroORM entities of the academic calendar in the hub database (migration
 * Migration20261129000003_academic_calendar): the write path of the administrators' calendar
 * mutations. Reads use plain rows (calendar.store.ts).
 */
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** 'autumn' | 'spring' */
export type TermCode = 'autumn' | 'spring';
/** 'classes' | 'exam_session' | 'holidays' */
export type PeriodKindCode = 'classes' | 'exam_session' | 'holidays';
/** 'module_1' | 'module_2' | 'final' */
export type ControlCode = 'module_1' | 'module_2' | 'final';

@Entity({ tableName: 'academic_period' })
export class AcademicPeriodEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ fieldName: 'academic_year', type: 'text' })
  academicYear!: string;

  @Property({ type: 'text' })
  term!: TermCode;

  @Property({ type: 'text' })
  kind!: PeriodKindCode;

  @Property({ type: 'text' })
  name!: string;

  @Property({ fieldName: 'starts_on', type: 'date' })
  startsOn!: string;

  @Property({ fieldName: 'ends_on', type: 'date' })
  endsOn!: string;

  @Property({ fieldName: 'created_at', type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ fieldName: 'updated_at', type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

@Entity({ tableName: 'grade_window' })
export class GradeWindowEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** AVN fakultet.fak_id; null = every faculty. */
  @Property({ fieldName: 'faculty_key', type: 'integer', nullable: true })
  facultyKey!: number | null;

  @Property({ fieldName: 'academic_year', type: 'text' })
  academicYear!: string;

  @Property({ type: 'text' })
  term!: TermCode;

  @Property({ type: 'text' })
  control!: ControlCode;

  @Property({ fieldName: 'opens_at', type: 'datetime', columnType: 'timestamptz' })
  opensAt!: Date;

  @Property({ fieldName: 'closes_at', type: 'datetime', columnType: 'timestamptz' })
  closesAt!: Date;

  @Property({ fieldName: 'created_at', type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ fieldName: 'updated_at', type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** Every hub entity of the calendar, for src/orm-entities.ts. */
export const CALENDAR_ENTITIES = [AcademicPeriodEntity, GradeWindowEntity];
