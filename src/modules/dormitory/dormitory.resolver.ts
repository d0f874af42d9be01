/** Queries and relations of the dormitory: buildings, rooms, beds, residents, placements, debtors. */
import { Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import {
  bedById, bedCountsByBuilding, bedCountsByRoom, bedsByRoom, buildingById, orNoBeds, roomById, roomsByBuilding,
} from '../../sources/dormitory/dormitory.buildings';
import {
  activePlacementByBed, activePlacementsByResident, paymentsByPlacement, placementBalanceAsOf, placementById, placementsByResident, residentById,
} from '../../sources/dormitory/dormitory.placements';
import { BalanceAsOfArgs } from '../finance/finance.inputs';
import { personOfRecord } from '../students/identity';
import { Person } from '../students/student.types';
import { Bed, BedConnection, BedCounts, DormitoryBuilding, Room } from './building.types';
import { DormitoryDebtorsArgs, DormitoryRoomArgs, FreeBedsArgs, PlacementsArgs } from './dormitory.inputs';
import {
  findDormitoryRoom, listDormitoryBuildings, listDormitoryDebtors, listDormitoryFreeBeds, listDormitoryPlacements,
} from './dormitory.service';
import { DormitoryDebtorConnection, DormitoryPayment, DormitoryResident, Placement, PlacementConnection } from './placement.types';
import {
  DormitoryStudyCardRelations, PersonDormitoryRelations, DormitoryDebtorRelations, DormitoryResidentStudentRelations,
} from './dormitory-study-card.resolver';

registerNode('DormitoryBuilding', (key, c) => buildingById(c).load(Number(key)));
registerNode('Room', (key, c) => roomById(c).load(Number(key)));
registerNode('Bed', (key, c) => bedById(c).load(Number(key)));
registerNode('DormitoryResident', (key, c) => residentById(c).load(Number(key)));
registerNode('Placement', (key, c) => placementById(c).load(Number(key)));

@Resolver()
export class DormitoryQueries {
  @Query(() => [DormitoryBuilding], { nullable: true, description: 'All dormitory buildings, by code.' })
  dormitoryBuildings(@Ctx() context: HubContext) {
    return listDormitoryBuildings(context);
  }

  @Query(() => Room, { nullable: true, description: 'The room with this number (as on the door, exact) in a building; null when the building has no such room.' })
  dormitoryRoom(@Args() args: DormitoryRoomArgs, @Ctx() context: HubContext) {
    return findDormitoryRoom(context, args);
  }

  @Query(() => BedConnection, { nullable: true, description: 'Beds ready for a new resident (neither occupied nor blocked), filtered by building, gender policy or floor.' })
  freeBeds(@Args() args: FreeBedsArgs, @Ctx() context: HubContext) {
    return listDormitoryFreeBeds(context, args);
  }

  @Query(() => PlacementConnection, { nullable: true, description: 'Placements of residents on beds, filtered by building, status or resident; latest move-in first.' })
  placements(@Args() args: PlacementsArgs, @Ctx() context: HubContext) {
    return listDormitoryPlacements(context, args);
  }

  @Query(() => DormitoryDebtorConnection, { nullable: true, description: 'Placements whose payments are behind the fees charged so far (negative balance), largest debt first.' })
  dormitoryDebtors(@Args() args: DormitoryDebtorsArgs, @Ctx() context: HubContext) {
    return listDormitoryDebtors(context, args);
  }
}

@Resolver(() => DormitoryBuilding)
export class DormitoryBuildingRelations {
  @FieldResolver(() => [Room], { description: 'The building\'s rooms, by floor and number.' })
  rooms(@Root() building: DormitoryBuilding, @Ctx() context: HubContext) {
    return roomsByBuilding(context).load(building.key);
  }

  @FieldResolver(() => BedCounts, { description: 'How many beds the building has: total, occupied, free, blocked.' })
  async bedCounts(@Root() building: DormitoryBuilding, @Ctx() context: HubContext) {
    return orNoBeds(await bedCountsByBuilding(context).load(building.key));
  }
}

@Resolver(() => Room)
export class RoomRelations {
  @FieldResolver(() => DormitoryBuilding, { description: 'The building the room is in.' })
  building(@Root() room: Room, @Ctx() context: HubContext) {
    return buildingById(context).load(room.buildingKey);
  }

  @FieldResolver(() => [Bed], { description: 'The room\'s beds, by label.' })
  beds(@Root() room: Room, @Ctx() context: HubContext) {
    return bedsByRoom(context).load(room.key);
  }

  @FieldResolver(() => BedCounts, { description: 'How many beds the room has: total, occupied, free, blocked.' })
  async bedCounts(@Root() room: Room, @Ctx() context: HubContext) {
    return orNoBeds(await bedCountsByRoom(context).load(room.key));
  }
}

@Resolver(() => Bed)
export class BedRelations {
  @FieldResolver(() => Room, { description: 'The room the bed is in.' })
  room(@Root() bed: Bed, @Ctx() context: HubContext) {
    return roomById(context).load(bed.roomKey);
  }

  @FieldResolver(() => Placement, { nullable: true, description: 'The active placement on this bed; null when the bed is not occupied.' })
  currentPlacement(@Root() bed: Bed, @Ctx() context: HubContext) {
    return activePlacementByBed(context).load(bed.key);
  }
}

@Resolver(() => DormitoryResident)
export class DormitoryResidentRelations {
  @FieldResolver(() => [Placement], { description: 'All of the resident\'s placements, latest move-in first.' })
  placements(@Root() resident: DormitoryResident, @Ctx() context: HubContext) {
    return placementsByResident(context).load(resident.key);
  }

  @FieldResolver(() => Placement, { nullable: true, description: 'The resident\'s active placement (the latest move-in if the records show several); null when the resident has moved out.' })
  async currentPlacement(@Root() resident: DormitoryResident, @Ctx() context: HubContext) {
    const [latest] = await activePlacementsByResident(context).load(resident.key);
    return latest ?? null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person this resident is, as linked by the identity registry; null when the registry has not linked the record.' })
  person(@Root() resident: DormitoryResident, @Ctx() context: HubContext) {
    return personOfRecord(context, 'dormitory.resident', resident.key);
  }
}

@Resolver(() => Placement)
export class PlacementRelations {
  @FieldResolver(() => DormitoryResident, { description: 'Who is placed.' })
  resident(@Root() placement: Placement, @Ctx() context: HubContext) {
    return residentById(context).load(placement.residentKey);
  }

  @FieldResolver(() => Bed, { description: 'The bed of the placement.' })
  bed(@Root() placement: Placement, @Ctx() context: HubContext) {
    return bedById(context).load(placement.bedKey);
  }

  @FieldResolver(() => Room, { description: 'The room of the placement.' })
  room(@Root() placement: Placement, @Ctx() context: HubContext) {
    return roomById(context).load(placement.roomKey);
  }

  @FieldResolver(() => DormitoryBuilding, { description: 'The building of the placement.' })
  building(@Root() placement: Placement, @Ctx() context: HubContext) {
    return buildingById(context).load(placement.buildingKey);
  }

  @FieldResolver(() => Float, {
    description: 'paid − charged, in som: negative when the resident owes money, positive when paid ahead. ' +
      'With `asOf`: the payments made on or before that day, less the months charged up to it under the same rule (none before the move-in day).',
  })
  async balance(@Root() placement: Placement, @Args() { asOf }: BalanceAsOfArgs, @Ctx() context: HubContext) {
    if (!asOf) return placement.balance;
    return (await placementBalanceAsOf(context, asOf).load(placement.key)) ?? placement.balance;
  }

  @FieldResolver(() => [DormitoryPayment], { description: 'Payments for this placement, by the month paid for.' })
  payments(@Root() placement: Placement, @Ctx() context: HubContext) {
    return paymentsByPlacement(context).load(placement.key);
  }
}

export const dormitoryResolvers = [
  DormitoryQueries, DormitoryBuildingRelations, RoomRelations, BedRelations, DormitoryResidentRelations, PlacementRelations,
  DormitoryDebtorRelations, DormitoryResidentStudentRelations, DormitoryStudyCardRelations, PersonDormitoryRelations,
] as const;
