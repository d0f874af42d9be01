/** Dormitory housing stock: buildings, rooms and beds. */
import { Field, Int, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import { GenderPolicy, RoomType } from '../../domain/dormitory';
import type { BedCountsRecord, BedRecord, DormitoryBuildingRecord, RoomRecord } from '../../domain/dormitory';

registerEnumType(GenderPolicy, {
  name: 'GenderPolicy',
  description: 'Who a dormitory building houses.',
  valuesConfig: {
    MALE: { description: 'Men only.' },
    FEMALE: { description: 'Women only.' },
    MIXED: { description: 'Men and women (in separate rooms).' },
  },
});

registerEnumType(RoomType, {
  name: 'RoomType',
  description: 'Kind of dormitory room.',
  valuesConfig: {
    STANDARD: { description: 'An ordinary room off a shared corridor.' },
    BLOCK: { description: 'A room in a block (several rooms sharing a bathroom and kitchen).' },
    FAMILY: { description: 'A room for a family.' },
  },
});

@HubObject('How many beds there are and in what state. occupied + free + blocked = total.', { node: false })
export class BedCounts implements BedCountsRecord {
  @Field(() => Int, { description: 'All beds.' })
  total!: number;

  @Field(() => Int, { description: 'Beds with an active placement (a blocked bed someone still lives in counts here).' })
  occupied!: number;

  @Field(() => Int, { description: 'Beds neither occupied nor blocked: ready for a new resident.' })
  free!: number;

  @Field(() => Int, { description: 'Beds blocked from use (repairs, reserved) and not occupied.' })
  blocked!: number;
}

@HubObject('A dormitory building (жатакана) of the university. Source: dormitory.')
export class DormitoryBuilding implements DormitoryBuildingRecord {
  __typename!: 'DormitoryBuilding';
  id!: string;
  /** The dormitory's own key, as its system numbers it. */
  key!: number;

  @Field({ description: 'Short code of the building, e.g. "D1".' })
  code!: string;

  @Field({ description: 'Name of the building.' })
  name!: string;

  @Field({ description: 'Street address.' })
  address!: string;

  @Field(() => GenderPolicy, { description: 'Who the building houses.' })
  genderPolicy!: GenderPolicy;

  @Field(() => Int, { description: 'Number of floors.' })
  floors!: number;
}

@HubObject('A room of a dormitory building. Source: dormitory.')
export class Room implements RoomRecord {
  __typename!: 'Room';
  id!: string;
  /** The dormitory's own key, as its system numbers it. */
  key!: number;
  buildingKey!: number;

  @Field({ description: 'Room number as shown on the door, e.g. "214".' })
  number!: string;

  @Field(() => Int, { description: 'Floor the room is on.' })
  floor!: number;

  @Field(() => Int, { description: 'How many residents the room is meant for.' })
  capacity!: number;

  @Field(() => RoomType, { description: 'Kind of room.' })
  type!: RoomType;
}

@HubObject('A bed in a dormitory room: the unit a resident is placed on. Source: dormitory.')
export class Bed implements BedRecord {
  __typename!: 'Bed';
  id!: string;
  /** The dormitory's own key, as its system numbers it. */
  key!: number;
  roomKey!: number;

  @Field({ description: 'Label of the bed within its room, e.g. "А".' })
  label!: string;

  @Field({ description: 'True when the bed is blocked from use (repairs, reserved).' })
  blocked!: boolean;

  @Field({ description: 'True when someone is placed on the bed now (an active placement).' })
  occupied!: boolean;
}

export const BedConnection = ConnectionType(Bed, 'Bed', 'dormitory bed');
