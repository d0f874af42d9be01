/**
 * Dormitory → housing stock: buildings, rooms and beds as the hub's DormitoryBuilding, Room and
 * Bed. A bed's occupancy is not stored; it is "has an active placement", computed in SQL so the
 * counts, the flag and the free-beds list always agree.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { toGlobalId } from '../../domain/global-id';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page } from '../../db/pages';
import {
  GenderPolicy, RoomType, type BedCountsRecord, type BedRecord, type DormitoryBuildingRecord, type FreeBedFilter, type RoomRecord,
} from '../../domain/dormitory';
import type { Gender } from '../../domain/students';

const dormitory = (context: SourceContext) => context.db.dormitory;

interface BuildingRow { building_id: number; code: string; name: string; address: string; gender_policy: string; floors: number }
interface RoomRow { room_id: number; building_id: number; number: string; floor: number; capacity: number; room_type: string }
interface BedRow { bed_id: number; room_id: number; label: string; is_blocked: boolean; occupied: boolean }
interface BedCountRow { total: number; occupied: number; free: number; blocked: number }

const BUILDING_COLUMNS = 'bg.building_id, bg.code, bg.name, bg.address, bg.gender_policy, bg.floors';
const ROOM_COLUMNS = 'r.room_id, r.building_id, r.number, r.floor, r.capacity, r.room_type';

/** True when the bed `bd` has an active placement (at most one: a unique index guarantees it). */
const BED_OCCUPIED_SQL = `exists (select 1 from placements ap where ap.bed_id = bd.bed_id and ap.status = 'active')`;
const BED_FROM = 'beds bd join rooms r on r.room_id = bd.room_id join buildings bg on bg.building_id = r.building_id';
const BED_COLUMNS = `bd.bed_id, bd.room_id, bd.label, bd.is_blocked, ${BED_OCCUPIED_SQL} as occupied`;

const GENDER_POLICY: Record<string, GenderPolicy> = { male: GenderPolicy.MALE, female: GenderPolicy.FEMALE, mixed: GenderPolicy.MIXED };
const GENDER_POLICY_CODE: Record<GenderPolicy, string> = { MALE: 'male', FEMALE: 'female', MIXED: 'mixed' };
/** A Gender as the dormitory's residents.sex (M/F) and as its buildings' gender_policy. */
const SEX_CODE: Record<Gender, string> = { MALE: 'M', FEMALE: 'F' };
const POLICY_OF_GENDER: Record<Gender, string> = { MALE: 'male', FEMALE: 'female' };

/**
 * The bed `bd` (room r, building bg) may be taken by a resident whose sex code is `sex` and whose
 * building policy is `policy` (placeholders): a building for that gender, or a mixed building where
 * every active placement in the room is of a resident recorded with that sex. A resident whose sex
 * is not recorded (blank, unknown) is not "of that gender": the room is then offered to no one.
 */
const bedForGenderSql = (sex: string, policy: string) => `(bg.gender_policy = ${policy}
  or (bg.gender_policy = 'mixed' and not exists (
        select 1 from placements op join beds ob on ob.bed_id = op.bed_id join residents ors on ors.resident_id = op.resident_id
         where ob.room_id = r.room_id and op.status = 'active' and coalesce(upper(trim(ors.sex)), '') <> ${sex})))`;

const ROOM_TYPE: Record<string, RoomType> = { standard: RoomType.STANDARD, block: RoomType.BLOCK, family: RoomType.FAMILY };

function toBuilding(r: BuildingRow): DormitoryBuildingRecord {
  return {
    __typename: 'DormitoryBuilding', id: toGlobalId('DormitoryBuilding', r.building_id), key: r.building_id,
    code: r.code, name: r.name, address: r.address, genderPolicy: GENDER_POLICY[r.gender_policy], floors: r.floors,
  };
}

function toRoom(r: RoomRow): RoomRecord {
  return {
    __typename: 'Room', id: toGlobalId('Room', r.room_id), key: r.room_id, buildingKey: r.building_id,
    number: r.number, floor: r.floor, capacity: r.capacity, type: ROOM_TYPE[r.room_type],
  };
}

function toBed(r: BedRow): BedRecord {
  return { __typename: 'Bed', id: toGlobalId('Bed', r.bed_id), key: r.bed_id, roomKey: r.room_id, label: r.label, blocked: r.is_blocked, occupied: r.occupied };
}

const toBedCounts = (r: BedCountRow): BedCountsRecord => ({ total: r.total, occupied: r.occupied, free: r.free, blocked: r.blocked });

/** Counts of the beds of `bd` grouped by `groupColumn` (one row per building or room). */
const bedCountsSql = (groupColumn: string) => `
  select ${groupColumn} as _key, count(*)::int as total,
         count(*) filter (where o.occupied)::int as occupied,
         count(*) filter (where not o.occupied and not bd.is_blocked)::int as free,
         count(*) filter (where not o.occupied and bd.is_blocked)::int as blocked
    from beds bd join rooms r on r.room_id = bd.room_id
    cross join lateral (select ${BED_OCCUPIED_SQL} as occupied) o
   where ${groupColumn} = any($1::int[])
   group by ${groupColumn}`;

export const buildingById = (c: SourceContext) =>
  byKeyLoader(c, 'dormitory.buildingById', dormitory, `select ${BUILDING_COLUMNS}, bg.building_id as _key from buildings bg where bg.building_id = any($1::int[])`, toBuilding);

export const roomById = (c: SourceContext) =>
  byKeyLoader(c, 'dormitory.roomById', dormitory, `select ${ROOM_COLUMNS}, r.room_id as _key from rooms r where r.room_id = any($1::int[])`, toRoom);

export const roomsByBuilding = (c: SourceContext) =>
  manyByKeyLoader(c, 'dormitory.roomsByBuilding', dormitory, `select ${ROOM_COLUMNS}, r.building_id as _key from rooms r where r.building_id = any($1::int[]) order by r.floor, r.number, r.room_id`, toRoom);

export const bedById = (c: SourceContext) =>
  byKeyLoader(c, 'dormitory.bedById', dormitory, `select ${BED_COLUMNS}, bd.bed_id as _key from beds bd where bd.bed_id = any($1::int[])`, toBed);

export const bedsByRoom = (c: SourceContext) =>
  manyByKeyLoader(c, 'dormitory.bedsByRoom', dormitory, `select ${BED_COLUMNS}, bd.room_id as _key from beds bd where bd.room_id = any($1::int[]) order by bd.label, bd.bed_id`, toBed);

const NO_BEDS: BedCountsRecord = { total: 0, occupied: 0, free: 0, blocked: 0 };

export const bedCountsByBuilding = (c: SourceContext) =>
  byKeyLoader(c, 'dormitory.bedCountsByBuilding', dormitory, bedCountsSql('r.building_id'), toBedCounts);

export const bedCountsByRoom = (c: SourceContext) =>
  byKeyLoader(c, 'dormitory.bedCountsByRoom', dormitory, bedCountsSql('bd.room_id'), toBedCounts);

/** A building or room without beds has zero of everything. */
export const orNoBeds = (counts: BedCountsRecord | null) => counts ?? NO_BEDS;

/** The room with this number (as on the door, exact) in a building, or null: numbers are unique per building. */
export async function roomByNumber(c: SourceContext, buildingKey: number, number: string): Promise<RoomRecord | null> {
  const [row] = await dormitory(c).query<RoomRow>(`select ${ROOM_COLUMNS} from rooms r where r.building_id = $1 and r.number = $2`, [buildingKey, number]);
  return row ? toRoom(row) : null;
}

export const listBuildings = async (c: SourceContext) =>
  (await c.db.dormitory.query<BuildingRow>(`select ${BUILDING_COLUMNS} from buildings bg order by bg.code, bg.building_id`)).map(toBuilding);

interface FreeBedRow extends BedRow {
  building_code: string;
  floor: number;
  room_number: string;
}

/** Beds neither occupied nor blocked (and, for a gender, that it may take), by building code, floor, room number and label. */
export function listFreeBeds(c: SourceContext, filter: FreeBedFilter, page: Page): Promise<ConnectionShape<BedRecord>> {
  return loadList<FreeBedRow & Record<string, unknown>, BedRecord>(
    dormitory(c),
    {
      from: BED_FROM,
      columns: `${BED_COLUMNS}, bg.code as building_code, r.floor, r.number as room_number`,
      filters: (p) => [
        'not bd.is_blocked',
        `not ${BED_OCCUPIED_SQL}`,
        filter.buildingKey != null && `r.building_id = ${p.add(filter.buildingKey)}`,
        filter.genderPolicy && `bg.gender_policy = ${p.add(GENDER_POLICY_CODE[filter.genderPolicy])}`,
        filter.floor != null && `r.floor = ${p.add(filter.floor)}`,
        filter.forGender != null && bedForGenderSql(p.add(SEX_CODE[filter.forGender]), p.add(POLICY_OF_GENDER[filter.forGender])),
      ],
      sort: [
        { sql: 'bg.code', key: 'building_code' }, { sql: 'r.floor', key: 'floor' }, { sql: 'r.number', key: 'room_number' },
        { sql: 'bd.label', key: 'label' }, { sql: 'bd.bed_id', key: 'bed_id' },
      ],
    },
    page,
    toBed,
  );
}
