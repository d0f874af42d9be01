/** Employee skeleton shared by every module; the staff module owns and extends this file. */
import { Field } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';

@HubObject('An employee in AVN 4 (teaching or administrative staff).')
export class Employee {
  __typename!: 'Employee';
  id!: string;
  /** AVN sotrudnik.emp_id */
  key!: number;
  pinInternal!: string | null;

  @Field({ description: 'Personnel number (табельный номер).' })
  personnelNumber!: string;

  @Field({ description: 'Full name as AVN spells it.' })
  fullName!: string;
}
