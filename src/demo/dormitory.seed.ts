/**
 * The dormitory system: buildings, rooms of 2–4 beds, residents (mostly students from the regions,
 * some young staff, some guests), placements simulated bed by bed since 2022 so that nobody sleeps
 * in two beds at once and no bed holds two people, and monthly payments (some residents owe).
 * Residents are typed by the dormitory's own staff: often without patronymic, sometimes on a
 * Russian keyboard (Омурбеков for Өмүрбеков), sometimes without PIN or student number; a few
 * returning students were registered a second time.
 */
import { CURRENT_YEAR, TODAY, addMonths, day, iso, monthStart, parts, type Day } from './calendar';
import type { AvnWorld } from './avn';
import type { Student } from './avn/model';
import { groupOn } from './avn/students';
import type { GroundTruthBuilder } from './ground-truth';
import { formatPhone, type Person, type PersonFactory } from './people';
import type { Rng } from './random';
import type { DemoSizes } from './sizes';
import { defineTable } from './table';

export function dormitoryTables() {
  return {
    buildings: defineTable('buildings', { building_id: 'int', code: 'text', name: 'text', address: 'text', gender_policy: 'text', floors: 'smallint' }, 'building_id'),
    rooms: defineTable('rooms', { room_id: 'int', building_id: 'int', number: 'text', floor: 'smallint', capacity: 'smallint', room_type: 'text' }, 'room_id'),
    beds: defineTable('beds', { bed_id: 'int', room_id: 'int', label: 'text', is_blocked: 'bool' }, 'bed_id'),
    residents: defineTable(
      'residents',
      {
        resident_id: 'int', pin: 'text', last_name: 'text', first_name: 'text', middle_name: 'text', birth_date: 'date', sex: 'text', phone: 'text',
        student_number: 'text', resident_type: 'text',
      },
      'resident_id',
    ),
    placements: defineTable(
      'placements',
      { placement_id: 'int', resident_id: 'int', bed_id: 'int', start_date: 'date', end_date: 'date', order_ref: 'text', status: 'text', monthly_fee: 'numeric' },
      'placement_id',
    ),
    payments: defineTable('payments', { payment_id: 'int', placement_id: 'int', paid_on: 'date', period_month: 'date', amount: 'numeric', receipt_no: 'text' }, 'payment_id'),
  };
}
export type DormitoryTables = ReturnType<typeof dormitoryTables>;

export interface DormitoryCases {
  freeBeds: number;
  blockedBeds: number;
  activePlacements: number;
  /** Residents who owe for at least one month of their active placement. */
  owingResidents: number[];
  /** Two resident records of one person. */
  duplicateResidents: Array<[number, number]>;
}

const ADDRESSES = ['г. Бишкек, ул. Фрунзе, 547', 'г. Бишкек, ул. Абдымомунова, 328', 'г. Бишкек, ул. Турусбекова, 109/3', 'г. Бишкек, пр. Манаса, 101/1', 'г. Бишкек, ул. Раззакова, 49', 'г. Бишкек, ул. Ибраимова, 115', 'г. Бишкек, мкр. Джал, ул. Кулиева, 12', 'г. Бишкек, ул. Лермонтова, 42'];
const POLICIES = ['male', 'female', 'mixed', 'female', 'male', 'mixed'] as const;
const FIRST_YEAR = CURRENT_YEAR - 4;

interface Bed {
  id: number;
  roomSex: 'M' | 'J';
  type: 'standard' | 'block' | 'family';
  blocked: boolean;
}

interface Resident {
  id: number;
  person: Person;
  type: 'student' | 'staff' | 'guest';
  student: Student | null;
}

export function buildDormitory(rng: Rng, world: AvnWorld, sizes: DemoSizes, people: PersonFactory, truth: GroundTruthBuilder): { tables: DormitoryTables; cases: DormitoryCases } {
  const t = dormitoryTables();
  const beds = buildRooms(rng.fork('rooms'), sizes, t);
  if (!beds.some((b) => b.blocked)) beds[0].blocked = true;
  const ensureFree = beds[beds.length - 1].id;

  const sim = rng.fork('placements');
  const residents = new ResidentRegistry(rng.fork('residents'), people);
  const busyUntil = new Map<string, Day>();
  const regional = (sex: 'M' | 'J') => sim.shuffle(world.students.filter((s) => s.person.fromRegion && s.person.pol === sex));
  const pools = { M: regional('M'), J: regional('J') };
  const young = world.staff.employees.filter((e) => parts(e.person.birth).year >= CURRENT_YEAR - 35);
  const youngStaff = { M: young.filter((e) => e.person.pol === 'M'), J: young.filter((e) => e.person.pol === 'J') };
  const placements: Array<{ resident: Resident; bed: Bed; start: Day; end: Day | null; fee: number }> = [];

  const pickStudent = (sex: 'M' | 'J', date: Day): Student | null => {
    const pool = pools[sex];
    for (let attempt = 0; attempt < 60 && pool.length; attempt++) {
      const s = pool[sim.int(0, pool.length - 1)];
      if ((busyUntil.get(s.person.key) ?? -1) >= date) continue;
      if (groupOn(s, date) === null || groupOn(s, date + 30) === null) continue;
      // first and second years are housed first
      const kurs = CURRENT_YEAR - world.structure.groups[s.segments[0].grpId - 1].intake;
      if (kurs > 2 && !sim.chance(0.5)) continue;
      return s;
    }
    return null;
  };
  const feeFor = (bed: Bed, type: Resident['type'], start: Day) => {
    const base = type === 'guest' ? 6000 : type === 'staff' ? 4000 : bed.type === 'block' ? 2500 : 1500;
    return Math.round((base * (1 + 0.05 * (parts(start).year - FIRST_YEAR))) / 50) * 50;
  };

  for (const bed of beds) {
    let at = day(FIRST_YEAR, 8, 25) + sim.int(0, 20);
    while (at <= TODAY) {
      const year = parts(at).month >= 8 ? parts(at).year : parts(at).year - 1;
      const yearEnd = day(year + 1, 6, 30);
      const thisYear = year === CURRENT_YEAR;
      if ((bed.blocked && thisYear) || (bed.id === ensureFree && thisYear) || (thisYear && sim.chance(0.1))) break;
      const x = sim.next();
      let resident: Resident | null = null;
      let end: Day | null;
      if (x < 0.03 || bed.type === 'family') {
        const e = youngStaff[bed.roomSex].length ? sim.pick(youngStaff[bed.roomSex]) : null;
        if (e && (busyUntil.get(e.person.key) ?? -1) < at && e.hired <= at && (e.left ?? TODAY + 1) > at) {
          resident = residents.staff(e.person);
          end = sim.chance(0.7) ? (e.left ?? null) : Math.min(at + sim.int(120, 700), e.left ?? Infinity);
        } else end = at;
      } else if (x < 0.07) {
        resident = residents.guest(bed.roomSex);
        end = at + sim.int(3, 40);
      } else {
        const s = pickStudent(bed.roomSex, at);
        if (s) resident = residents.student(s);
        const stays = sim.chance(0.6) ? sim.int(1, 3) : 0; // renews for following years
        const leaves = s ? s.segments[s.segments.length - 1].to : null;
        end = Math.min(day(year + 1 + stays, 6, 30), leaves !== null ? leaves + sim.int(0, 10) : Infinity);
      }
      if (!resident) {
        at = yearEnd + 56 + sim.int(0, 10); // the bed stayed empty until next September
        continue;
      }
      if (end !== null && end <= at) end = at + 1;
      if (end !== null && end > TODAY) end = null;
      placements.push({ resident, bed, start: at, end, fee: feeFor(bed, resident.type, at) });
      busyUntil.set(resident.person.key, end ?? Infinity);
      if (end === null) break;
      const p = parts(end);
      at = p.month >= 6 && p.month <= 8 ? Math.max(end + 1, day(p.year, 8, 25) + sim.int(0, 20)) : end + sim.int(5, 40);
    }
  }

  for (const r of residents.list) {
    const p = r.person;
    const typed = r.typed;
    t.residents.push({
      resident_id: r.id, pin: typed.pin, last_name: typed.last, first_name: typed.first, middle_name: typed.middle, birth_date: typed.birth,
      sex: p.pol === 'J' ? 'F' : 'M', phone: sim.chance(0.85) ? formatPhone(p.phone, 'compact') : null, student_number: typed.studentNumber, resident_type: r.type,
    });
    truth.add('dormitory.resident', r.id, p.key);
  }

  placements.sort((a, b) => a.start - b.start || a.bed.id - b.bed.id);
  const pay = rng.fork('payments');
  const owing = new Set<number>();
  let paymentId = 0;
  let active = 0;
  placements.forEach((pl, i) => {
    const id = i + 1;
    const status = pl.end === null ? 'active' : 'ended';
    if (status === 'active') active++;
    const order = pl.resident.type === 'student' ? `Буйрук №${parts(pl.start).year}-${pay.int(10, 400)}/ж` : pl.resident.type === 'staff' ? `Келишим №${pay.int(1, 99)}` : null;
    t.placements.push({ placement_id: id, resident_id: pl.resident.id, bed_id: pl.bed.id, start_date: iso(pl.start), end_date: pl.end === null ? null : iso(pl.end), order_ref: order, status, monthly_fee: pl.fee });
    // months to pay: from the start month to the end month (or this month); summer months only for staff
    const months: Day[] = [];
    for (let m = monthStart(pl.start); m <= (pl.end ?? TODAY); m = addMonths(m, 1)) {
      const month = parts(m).month;
      if (pl.resident.type === 'student' && (month === 7 || month === 8)) continue;
      months.push(m);
    }
    const unpaid = status === 'active' ? (pay.chance(0.12) ? pay.int(1, 3) : 0) : pay.chance(0.05) ? 1 : 0;
    if (unpaid) owing.add(pl.resident.id);
    const paid = months.slice(0, Math.max(0, months.length - unpaid));
    const bySemester = pl.resident.type === 'student' && pay.chance(0.4);
    let receiptDay: Day | null = null;
    for (const m of paid) {
      const month = parts(m).month;
      if (!bySemester || receiptDay === null || month === 9 || month === 2) receiptDay = Math.min(TODAY, Math.max(pl.start, m + pay.int(0, 12)));
      t.payments.push({ payment_id: ++paymentId, placement_id: id, paid_on: iso(receiptDay), period_month: iso(m), amount: pl.fee, receipt_no: `КВ-${parts(receiptDay).year}-${String(paymentId).padStart(6, '0')}` });
    }
    if (status === 'active' && unpaid === 0 && paid.length === 0) owing.add(pl.resident.id);
  });

  const activeBeds = new Set(placements.filter((p) => p.end === null).map((p) => p.bed.id));
  return {
    tables: t,
    cases: {
      freeBeds: beds.filter((b) => !b.blocked && !activeBeds.has(b.id)).length,
      blockedBeds: beds.filter((b) => b.blocked).length,
      activePlacements: active,
      owingResidents: [...owing].sort((a, b) => a - b),
      duplicateResidents: residents.duplicates,
    },
  };
}

function buildRooms(rng: Rng, sizes: DemoSizes, t: DormitoryTables): Bed[] {
  const beds: Bed[] = [];
  let roomId = 0;
  const perBuilding = Math.ceil(sizes.beds / sizes.buildings);
  for (let b = 1; b <= sizes.buildings; b++) {
    const policy = POLICIES[(b - 1) % POLICIES.length];
    const floors = Math.max(2, Math.min(9, Math.ceil(perBuilding / 45)));
    t.buildings.push({ building_id: b, code: `D${b}`, name: `№${b} жатакана (Общежитие №${b})`, address: ADDRESSES[(b - 1) % ADDRESSES.length], gender_policy: policy, floors });
    let placed = 0;
    for (let n = 0; placed < perBuilding; n++) {
      const floor = 1 + (n % floors);
      const number = `${floor}${String(Math.floor(n / floors) + 1).padStart(2, '0')}`;
      const type = rng.weighted(['standard', 'block', 'family'] as const, [75, 20, 5]);
      const capacity = type === 'family' ? 2 : rng.weighted([2, 3, 4], [25, 45, 30]);
      const roomSex: 'M' | 'J' = policy === 'male' ? 'M' : policy === 'female' ? 'J' : floor % 2 === 1 ? 'M' : 'J';
      t.rooms.push({ room_id: ++roomId, building_id: b, number, floor, capacity, room_type: type });
      for (let k = 0; k < capacity; k++) {
        const bed: Bed = { id: beds.length + 1, roomSex, type, blocked: rng.chance(0.02) };
        beds.push(bed);
        t.beds.push({ bed_id: bed.id, room_id: roomId, label: 'АБВГ'.charAt(k), is_blocked: bed.blocked });
      }
      placed += capacity;
    }
  }
  return beds;
}

interface Typed {
  pin: string | null;
  last: string;
  first: string;
  middle: string | null;
  birth: string | null;
  studentNumber: string | null;
}

/** One resident record per person (a few people twice), typed the dormitory's way. */
class ResidentRegistry {
  readonly list: Array<Resident & { typed: Typed }> = [];
  readonly duplicates: Array<[number, number]> = [];
  private readonly byPerson = new Map<string, Resident & { typed: Typed }>();

  constructor(
    private readonly rng: Rng,
    private readonly people: PersonFactory,
  ) {}

  student(s: Student): Resident {
    return this.get(s.person, 'student', s);
  }

  staff(person: Person): Resident {
    return this.get(person, 'staff', null);
  }

  guest(sex: 'M' | 'J'): Resident {
    const person = this.people.create({ sex, birthFrom: day(1965, 1, 1), birthTo: day(2000, 12, 31), bishkekShare: 0, foreign: this.rng.chance(0.2) });
    return this.get(person, 'guest', null);
  }

  private get(person: Person, type: Resident['type'], student: Student | null): Resident {
    const known = this.byPerson.get(person.key);
    if (known && !this.rng.chance(0.03)) return known;
    const resident = { id: this.list.length + 1, person, type, student, typed: this.type(person, student) };
    if (known) this.duplicates.push([known.id, resident.id]);
    else this.byPerson.set(person.key, resident);
    this.list.push(resident);
    return resident;
  }

  private type(p: Person, student: Student | null): Typed {
    const rng = this.rng;
    const russianKeyboard = rng.chance(0.04);
    const plain = (text: string) => (russianKeyboard ? text.replace(/ө/g, 'о').replace(/Ө/g, 'О').replace(/ү/g, 'у').replace(/Ү/g, 'У').replace(/ң/g, 'н') : text.replace(/ё/g, 'е'));
    return {
      pin: p.pin && rng.chance(0.95) ? p.pin : null,
      last: plain(p.fam),
      first: plain(p.imya),
      middle: p.otch && rng.chance(0.7) ? plain(p.otch) : null,
      birth: rng.chance(0.95) ? iso(p.birth) : null,
      studentNumber: student && rng.chance(0.97) ? student.zachetka : null,
    };
  }
}
