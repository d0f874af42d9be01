/** Access to the dormitory: the housing stock is public; residents and placements follow the resident. */
import { accessPolicy, type RowCases } from '../../auth/policies';
import { residentScope } from '../../auth/guard/key-scope';
import { Domain } from '../../auth/viewer';
import { Bed, BedCounts, DormitoryBuilding, Room } from './building.types';
import { DormitoryDebtor, DormitoryPayment, DormitoryResident, Placement } from './placement.types';

/** Dormitory records by resident id: a faculty's students' residents, a student's own. */
function ofResident<T>(residentKey: (o: T) => number): RowCases<T> {
  return {
    faculty: async (o, _r, f) => (await f.facultyResidents()).has(residentKey(o)),
    self: async (o, _r, f) => (await f.myResidents()).has(residentKey(o)),
  };
}

export const dormitoryAccess = [
  accessPolicy(DormitoryBuilding, { domain: Domain.DORMITORY, rows: 'public' }),
  accessPolicy(Room, { domain: Domain.DORMITORY, rows: 'public' }),
  accessPolicy(Bed, { domain: Domain.DORMITORY, rows: 'public' }),
  accessPolicy(BedCounts, { domain: Domain.DORMITORY, rows: 'public' }),
  accessPolicy(DormitoryResident, {
    domain: Domain.DORMITORY,
    rows: ofResident<DormitoryResident>((r) => r.key),
    own: async (r, _self, f) => (await f.myResidents()).has(r.key),
    scope: residentScope,
    personRecord: true,
  }),
  accessPolicy(Placement, { domain: Domain.DORMITORY, rows: ofResident<Placement>((p) => p.residentKey), scope: residentScope }),
  accessPolicy(DormitoryPayment, { domain: Domain.DORMITORY, rows: 'parent' }),
  accessPolicy(DormitoryDebtor, { domain: Domain.DORMITORY, rows: ofResident<DormitoryDebtor>((d) => d.residentKey), scope: residentScope }),
];
