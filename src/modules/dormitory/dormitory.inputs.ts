/** Filters of the dormitory lists. */
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { GenderPolicy } from '../../domain/dormitory';
import { PlacementStatus } from '../../domain/dormitory';
import { Gender } from '../../domain/students';

@InputType({ description: 'Which free beds to list. All conditions must hold.' })
export class FreeBedWhere {
  @Field(() => ID, { nullable: true, description: 'Only beds in this building (a DormitoryBuilding ID).' })
  buildingId?: string;

  @Field(() => GenderPolicy, { nullable: true, description: 'Only beds in buildings with this gender policy.' })
  genderPolicy?: GenderPolicy;

  @Field(() => Int, { nullable: true, description: 'Only beds on this floor.' })
  floor?: number;

  @Field(() => Gender, {
    nullable: true,
    description: 'Only beds a resident of this gender may take: in a building for that gender, or in a MIXED building in a room that is empty or whose current residents (active placements) are all recorded with that gender. A room with a resident whose gender is not recorded is offered to neither.',
  })
  forGender?: Gender;
}

@ArgsType()
export class FreeBedsArgs extends PageArgs {
  @Field(() => FreeBedWhere, { nullable: true, description: 'Filter; omit for every free bed. Sorted by building code, floor, room number, bed label.' })
  where?: FreeBedWhere;
}

@ArgsType()
export class DormitoryRoomArgs {
  @Field(() => ID, { description: 'The building (a DormitoryBuilding ID).' })
  buildingId!: string;

  @Field({ description: 'Room number as shown on the door, e.g. "214" (surrounding spaces are ignored).' })
  number!: string;
}

@InputType({ description: 'Which placements to list. All conditions must hold.' })
export class PlacementWhere {
  @Field(() => ID, { nullable: true, description: 'Only placements in this building (a DormitoryBuilding ID).' })
  buildingId?: string;

  @Field(() => PlacementStatus, { nullable: true, description: 'Only active or only ended placements.' })
  status?: PlacementStatus;

  @Field(() => ID, { nullable: true, description: 'Only placements of this resident (a DormitoryResident ID).' })
  residentId?: string;
}

@ArgsType()
export class PlacementsArgs extends PageArgs {
  @Field(() => PlacementWhere, { nullable: true, description: 'Filter; omit for every placement. Latest move-in first.' })
  where?: PlacementWhere;
}

@InputType({ description: 'Which dormitory debtors to list. All conditions must hold.' })
export class DormitoryDebtorWhere {
  @Field(() => ID, { nullable: true, description: 'Only placements in this building (a DormitoryBuilding ID).' })
  buildingId?: string;

  @Field(() => Float, { nullable: true, description: 'Only debts of at least this much, in som.' })
  minDebt?: number;

  @Field({ nullable: true, description: 'true: only active placements (residents still living there); false: only ended ones.' })
  active?: boolean;
}

@ArgsType()
export class DormitoryDebtorsArgs extends PageArgs {
  @Field(() => DormitoryDebtorWhere, { nullable: true, description: 'Filter; omit for every placement in debt. Largest debt first.' })
  where?: DormitoryDebtorWhere;
}
