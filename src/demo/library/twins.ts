/**
 * The students' twins as the library knows them (issue 10.5): each is an external reader of its
 * own, registered at the front desk without a PIN on the card and with the name typed in Cyrillic,
 * born the same day as the student and named near the student (see avn/students.ts, plantTwins).
 * They are appended after every other reader (no random draws, so the rest of the library stays
 * as it was) and borrow nothing.
 */
import { TODAY, iso } from '../calendar';
import type { GroundTruthBuilder } from '../ground-truth';
import { formatPhone } from '../people';
import type { TwinKind, TwinPair } from '../avn/students';
import type { LibraryTables } from './tables';

export interface TwinReader {
  borrowernumber: number;
  /** The student whose twin this reader is. */
  studId: number;
  kind: TwinKind;
}

export function writeTwinReaders(twins: readonly TwinPair[], firstId: number, t: LibraryTables, truth: GroundTruthBuilder): TwinReader[] {
  return twins.map(({ studId, twin, kind }, i) => {
    const id = firstId + i;
    t.borrowers.push({
      borrowernumber: id,
      cardnumber: `2000${String((id * 7919) % 1000000).padStart(6, '0')}${id % 10}`,
      surname: twin.fam,
      firstname: twin.imya,
      othernames: twin.otch,
      dateofbirth: iso(twin.birth),
      sex: twin.pol === 'J' ? 'F' : 'M',
      email: null,
      phone: formatPhone(twin.phone, 'local'),
      address: null,
      city: null,
      categorycode: 'EXT',
      branchcode: 'MAIN',
      dateenrolled: iso(TODAY - 40 - i),
      dateexpiry: iso(TODAY + 325 - i),
      debarred: null,
    });
    truth.add('library.borrower', id, twin.key);
    return { borrowernumber: id, studId, kind };
  });
}
