/** Tuition lists: input checks, the tariffs list and the debtors list. */
import { validationFailed } from '../../common/errors';
import type { HubContext } from '../../graphql/context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { OrderDirection } from '../../graphql/ordering';
import { DEBT_SORT, TARIF_COLUMNS, loadTuitionDebtors, toTariff, type TarifRow } from '../../sources/avn/avn.finance';
import { TuitionDebtorSortField, type TariffsArgs, type TuitionDebtorsArgs } from './finance.inputs';
import type { Tariff } from './finance.types';
import { studentScope } from '../../sources/avn/avn.scopes';
import { viewerReach } from '../../auth/policies';

export function listTuitionDebtors(context: HubContext, args: TuitionDebtorsArgs) {
  const where = args.where ?? {};
  if (where.minDebt != null && !(where.minDebt >= 0)) {
    throw validationFailed('`minDebt` must not be negative: the list holds only students who owe money.', 'where.minDebt');
  }
  const field = args.orderBy?.field ?? TuitionDebtorSortField.DEBT;
  // Largest debt first by default: that is what the accounting office works down.
  const direction = args.orderBy ? args.orderBy.direction : OrderDirection.DESC;
  const desc = direction === OrderDirection.DESC;
  const columns = field === TuitionDebtorSortField.DEBT ? [DEBT_SORT.DEBT] : [DEBT_SORT.SURNAME, DEBT_SORT.NAME];
  const sort = [...columns, DEBT_SORT.TIE].map((c) => ({ ...c, desc }));
  return loadTuitionDebtors(
    context.db.avn,
    {
      facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
      groupKey: where.groupId ? intKeyOf(where.groupId, 'Group') : null,
      academicYear: where.academicYear ?? null,
      minDebt: where.minDebt ?? null,
      // Access: only students the viewer may see (src/sources/avn/avn.scopes.ts).
      scope: (p) => studentScope(viewerReach(context), p, { student: 's.stud_id', group: 's.grp_id' }),
    },
    sort,
    readPage(args, `tuition-debtors:${field}:${direction}`),
  );
}

export function listTariffs(context: HubContext, args: TariffsArgs) {
  const where = args.where ?? {};
  const programmeKey = where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null;
  return loadList<TarifRow & Record<string, unknown>, Tariff>(
    context.db.avn,
    {
      from: 'tarif t join specialnost sp on sp.spec_id = t.spec_id',
      columns: `${TARIF_COLUMNS}, sp.shifr`,
      filters: (p) => [
        programmeKey !== null && `t.spec_id = ${p.add(programmeKey)}`,
        !!where.academicYear && `t.uch_god = ${p.add(where.academicYear)}`,
      ],
      sort: [{ sql: 't.uch_god', key: 'uch_god', desc: true }, { sql: 'sp.shifr', key: 'shifr' }, { sql: 't.tarif_id', key: 'tarif_id' }],
    },
    readPage(args, 'tariffs:year-desc:code'),
    toTariff,
  );
}
