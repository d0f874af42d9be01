/** Root lists of the dormitory (reads the dormitory source through its mapping layer). */
import { businessToday } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { BED_COLUMNS, BED_FROM, BED_OCCUPIED_SQL, GENDER_POLICY_CODE, listBuildings, toBed, type BedRow } from '../../sources/dormitory/dormitory.buildings';
import {
  PLACEMENT_BALANCE_SQL, PLACEMENT_COLUMNS, placementFrom, PLACEMENT_STATUS_CODE, RESIDENT_COLUMNS, toPlacement, toResident,
  type PlacementRow, type ResidentRow,
} from '../../sources/dormitory/dormitory.placements';
import type { FreeBedsArgs, DormitoryDebtorsArgs, PlacementsArgs } from './dormitory.inputs';
import type { DormitoryDebtor } from './placement.types';

import { residentScope } from '../../auth/guard/key-scope';

type Row<T> = T & Record<string, unknown>;

export const listDormitoryBuildings = (context: HubContext) => listBuildings(context);

interface FreeBedRow extends BedRow {
  building_code: string;
  floor: number;
  room_number: string;
}

export function listFreeBeds(context: HubContext, args: FreeBedsArgs) {
  const where = args.where ?? {};
  const buildingKey = where.buildingId ? intKeyOf(where.buildingId, 'DormitoryBuilding') : null;
  return loadList<Row<FreeBedRow>, ReturnType<typeof toBed>>(
    context.db.dormitory,
    {
      from: BED_FROM,
      columns: `${BED_COLUMNS}, bg.code as building_code, r.floor, r.number as room_number`,
      filters: (p) => [
        'not bd.is_blocked',
        `not ${BED_OCCUPIED_SQL}`,
        buildingKey !== null && `r.building_id = ${p.add(buildingKey)}`,
        where.genderPolicy && `bg.gender_policy = ${p.add(GENDER_POLICY_CODE[where.genderPolicy])}`,
        where.floor != null && `r.floor = ${p.add(where.floor)}`,
      ],
      sort: [
        { sql: 'bg.code', key: 'building_code' }, { sql: 'r.floor', key: 'floor' }, { sql: 'r.number', key: 'room_number' },
        { sql: 'bd.label', key: 'label' }, { sql: 'bd.bed_id', key: 'bed_id' },
      ],
    },
    readPage(args, 'freeBeds:place'),
    toBed,
  );
}

export async function listPlacements(context: HubContext, args: PlacementsArgs) {
  // Access: placements of the residents the viewer may see (a faculty's students, a student itself), in SQL.
  const scope = await residentScope(context);
  const where = args.where ?? {};
  const buildingKey = where.buildingId ? intKeyOf(where.buildingId, 'DormitoryBuilding') : null;
  const residentKey = where.residentId ? intKeyOf(where.residentId, 'DormitoryResident') : null;
  const today = businessToday(context);
  return loadList<Row<PlacementRow>, ReturnType<typeof toPlacement>>(
    context.db.dormitory,
    {
      from: (p) => placementFrom(p.add(today)),
      columns: PLACEMENT_COLUMNS,
      filters: (p) => [
        buildingKey !== null && `pr.building_id = ${p.add(buildingKey)}`,
        where.status && `p.status = ${p.add(PLACEMENT_STATUS_CODE[where.status])}`,
        residentKey !== null && `p.resident_id = ${p.add(residentKey)}`,
        scope?.(p, 'p.resident_id'),
      ],
      sort: [{ sql: 'p.start_date', key: 'start_date', desc: true }, { sql: 'p.placement_id', key: 'placement_id', desc: true }],
    },
    readPage(args, 'placements:start:desc'),
    toPlacement,
  );
}

export async function listDormitoryDebtors(context: HubContext, args: DormitoryDebtorsArgs) {
  // Access: the residents the viewer may see, in SQL.
  const scope = await residentScope(context);
  const where = args.where ?? {};
  const buildingKey = where.buildingId ? intKeyOf(where.buildingId, 'DormitoryBuilding') : null;
  const today = businessToday(context);
  return loadList<Row<PlacementRow & ResidentRow & { debt: number }>, DormitoryDebtor>(
    context.db.dormitory,
    {
      from: (p) => placementFrom(p.add(today)),
      columns: `${PLACEMENT_COLUMNS}, ${RESIDENT_COLUMNS}, -${PLACEMENT_BALANCE_SQL} as debt`,
      filters: (p) => [
        `${PLACEMENT_BALANCE_SQL} < 0`,
        buildingKey !== null && `pr.building_id = ${p.add(buildingKey)}`,
        where.minDebt != null && `-${PLACEMENT_BALANCE_SQL} >= ${p.add(where.minDebt)}`,
        where.active != null && `p.status ${where.active ? '=' : '<>'} 'active'`,
        scope?.(p, 'p.resident_id'),
      ],
      sort: [{ sql: `-${PLACEMENT_BALANCE_SQL}`, key: 'debt', desc: true }, { sql: 'p.placement_id', key: 'placement_id', desc: true }],
    },
    readPage(args, 'dormitoryDebtors:debt:desc'),
    (r) => ({ residentKey: r.resident_id, placement: toPlacement(r), resident: toResident(r), debt: r.debt }),
  );
}
