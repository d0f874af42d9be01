/** The library source: branches, categories, readers, holdings, circulation and fines. */
import type { AvnWorld } from '../avn';
import type { GroundTruthBuilder } from '../ground-truth';
import type { PersonFactory } from '../people';
import type { Rng } from '../random';
import type { DemoSizes } from '../sizes';
import { BRANCHES, CATEGORIES, buildBorrowers, writeBorrowers, type LibraryCases } from './borrowers';
import { buildCatalog, writeItems } from './catalog';
import { buildCirculation } from './circulation';
import { libraryTables, type LibraryTables } from './tables';
import { writeTwinReaders, type TwinReader } from './twins';

export interface LibraryResult {
  tables: LibraryTables;
  cases: LibraryCases & { expelledWithLoans: number[]; overdueIssues: number; twinReaders: TwinReader[] };
  /** Issue ids continue old_issues' ids (Koha keeps the id when a loan is returned). */
  afterSql: string[];
}

export function buildLibrary(rng: Rng, world: AvnWorld, sizes: DemoSizes, people: PersonFactory, truth: GroundTruthBuilder): LibraryResult {
  const t = libraryTables();
  for (const [branchcode, branchname] of BRANCHES) t.branches.push({ branchcode, branchname });
  for (const [categorycode, description] of CATEGORIES) t.categories.push({ categorycode, description });
  const { borrowers, namesakeStudent } = buildBorrowers(rng.fork('borrowers'), world, sizes, people);
  const items = buildCatalog(rng.fork('catalog'), sizes.biblios, t);
  const circulation = buildCirculation(rng.fork('circulation'), items, borrowers, world, t);
  writeItems(items, circulation.lost, circulation.onLoanDue, t);
  const cases = writeBorrowers(rng.fork('typing'), borrowers, namesakeStudent, t, truth);
  const twinReaders = writeTwinReaders(world.twins, borrowers.length + 1, t, truth);
  return {
    tables: t,
    cases: { ...cases, expelledWithLoans: circulation.expelledWithLoans, overdueIssues: circulation.overdueIssues, twinReaders },
    afterSql: [
      `select setval(pg_get_serial_sequence('issues', 'issue_id'),
         greatest((select max(issue_id) from issues), (select max(issue_id) from old_issues), 0) + 1, false)`,
    ],
  };
}
