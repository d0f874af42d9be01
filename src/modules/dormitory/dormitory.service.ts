/** Root lists of the dormitory: GraphQL arguments → the dormitory source's filters and pages. */
import { type HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { listBuildings, listFreeBeds, roomByNumber } from '../../sources/dormitory/dormitory.buildings';
import { listDebtors, listPlacements } from '../../sources/dormitory/dormitory.placements';
import type { FreeBedsArgs, DormitoryDebtorsArgs, DormitoryRoomArgs, PlacementsArgs } from './dormitory.inputs';

import { residentScope } from '../../auth/guard/key-scope';

const buildingKeyOf = (buildingId: string | undefined) => (buildingId ? intKeyOf(buildingId, 'DormitoryBuilding') : null);

export const listDormitoryBuildings = (context: HubContext) => listBuildings(context);

export const findDormitoryRoom = (context: HubContext, args: DormitoryRoomArgs) =>
  roomByNumber(context, intKeyOf(args.buildingId, 'DormitoryBuilding'), args.number.trim());

export function listDormitoryFreeBeds(context: HubContext, args: FreeBedsArgs) {
  const where = args.where ?? {};
  const filter = { buildingKey: buildingKeyOf(where.buildingId), genderPolicy: where.genderPolicy, floor: where.floor, forGender: where.forGender };
  return listFreeBeds(context, filter, readPage(args, 'freeBeds:place'));
}

export async function listDormitoryPlacements(context: HubContext, args: PlacementsArgs) {
  // Access: placements of the residents the viewer may see (a faculty's students, a student itself), in SQL.
  const scope = await residentScope(context);
  const where = args.where ?? {};
  const filter = {
    buildingKey: buildingKeyOf(where.buildingId),
    status: where.status,
    residentKey: where.residentId ? intKeyOf(where.residentId, 'DormitoryResident') : null,
  };
  return listPlacements(context, { filter, page: readPage(args, 'placements:start:desc'), scope });
}

export async function listDormitoryDebtors(context: HubContext, args: DormitoryDebtorsArgs) {
  // Access: the residents the viewer may see, in SQL.
  const scope = await residentScope(context);
  const where = args.where ?? {};
  const filter = { buildingKey: buildingKeyOf(where.buildingId), minDebt: where.minDebt, active: where.active };
  return listDebtors(context, { filter, page: readPage(args, 'dormitoryDebtors:debt:desc'), scope });
}
