/** Access to the library: the catalogue is public; readers, loans and charges follow the reader card. */
import { accessPolicy, type RowCases } from '../../auth/policies';
import { readerScope } from '../../auth/guard/key-scope';
import { Domain } from '../../auth/viewer';
import { LibraryDebtor } from './debtor.types';
import { Fine } from './fine.types';
import { LibraryItem, LibraryTitle } from './item.types';
import { Loan } from './loan.types';
import { LibraryBranch, LibraryCategory, LibraryReader } from './reader.types';

/** Library records by borrower number: a faculty's students' cards, a student's own cards. */
function ofReader<T>(readerKey: (o: T) => number | null): RowCases<T> {
  return {
    faculty: async (o, _r, f) => {
      const key = readerKey(o);
      return key != null && (await f.facultyReaders()).has(key);
    },
    self: async (o, _r, f) => {
      const key = readerKey(o);
      return key != null && (await f.myReaders()).has(key);
    },
  };
}

export const libraryAccess = [
  accessPolicy(LibraryTitle, { domain: Domain.LIBRARY, rows: 'public' }),
  accessPolicy(LibraryItem, { domain: Domain.LIBRARY, rows: 'public' }),
  accessPolicy(LibraryBranch, { domain: Domain.LIBRARY, rows: 'public' }),
  accessPolicy(LibraryCategory, { domain: Domain.LIBRARY, rows: 'public' }),
  accessPolicy(LibraryReader, {
    domain: Domain.LIBRARY,
    rows: ofReader<LibraryReader>((r) => r.key),
    own: async (r, _self, f) => (await f.myReaders()).has(r.key),
    scope: readerScope,
    personRecord: true,
  }),
  accessPolicy(Loan, { domain: Domain.LIBRARY, rows: ofReader<Loan>((l) => l.readerKey), scope: readerScope }),
  accessPolicy(Fine, { domain: Domain.LIBRARY, rows: ofReader<Fine>((l) => l.readerKey), scope: readerScope }),
  accessPolicy(LibraryDebtor, { domain: Domain.LIBRARY, rows: ofReader<LibraryDebtor>((d) => d.readerKey), scope: readerScope }),
];
