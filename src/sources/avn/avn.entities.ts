/**
 * MikroORM entities for the AVN tables the hub writes: the electronic grade sheets (vedomost) and
 * their rows (vedomost_str). They are the hub's only write path into AVN, used inside one
 * `em.transactional` per mutation; reads stay on plain SQL (avn.gradesheets.ts). Only the columns
 * the hub reads back or changes are mapped; the native names appear here and in the mapping files.
 */
import { DecimalType, Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

@Entity({ tableName: 'vedomost' })
export class VedomostEntity {
  [PrimaryKeyProp]?: 'vedId';

  @PrimaryKey({ fieldName: 'ved_id', type: 'integer' })
  vedId!: number;

  @Property({ fieldName: 'grp_id', type: 'integer' })
  grpId!: number;

  @Property({ fieldName: 'str_id', type: 'integer' })
  strId!: number;

  /** The teacher who keeps the sheet (sotrudnik.emp_id). */
  @Property({ fieldName: 'emp_id', type: 'integer' })
  empId!: number;

  @Property({ fieldName: 'uch_god', type: 'text' })
  uchGod!: string;

  /** Semester of study, counted from admission (1…10): odd ones are autumn. */
  @Property({ fieldName: 'semestr', type: 'smallint' })
  semestr!: number;

  /** 'osnovnaya' | 'peresdacha' */
  @Property({ fieldName: 'tip', type: 'text' })
  tip!: string;

  /** 'otkryta' | 'sdana' | 'pereotkryta' */
  @Property({ fieldName: 'status', type: 'text' })
  status!: string;

  @Property({ fieldName: 'data_otkr', type: 'date' })
  dataOtkr!: string;

  @Property({ fieldName: 'data_zakr', type: 'date', nullable: true })
  dataZakr!: string | null;
}

@Entity({ tableName: 'vedomost_str' })
export class VedomostStrEntity {
  [PrimaryKeyProp]?: 'vsId';

  @PrimaryKey({ fieldName: 'vs_id', type: 'integer' })
  vsId!: number;

  @ManyToOne(() => VedomostEntity, { fieldName: 'ved_id' })
  vedomost!: VedomostEntity;

  @Property({ fieldName: 'stud_id', type: 'integer' })
  studId!: number;

  @Property({ fieldName: 'm1', type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  m1!: number | null;

  @Property({ fieldName: 'm2', type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  m2!: number | null;

  @Property({ fieldName: 'itog', type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  itog!: number | null;

  @Property({ fieldName: 'total', type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  total!: number | null;

  @Property({ fieldName: 'bukva', type: 'text', nullable: true })
  bukva!: string | null;
}

/** Every AVN entity, for src/orm-entities.ts. */
export const AVN_ENTITIES = [VedomostEntity, VedomostStrEntity];
