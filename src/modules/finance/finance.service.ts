/** Tuition lists: input checks, and the GraphQL arguments as the source's filters and sorts. */
import { validationFailed } from '../../common/errors';
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import type { TuitionDebtorSort } from '../../domain/finance';
import { OrderDirection } from '../../graphql/ordering';
import { enumListArgument } from '../../graphql/list-arguments';
import { StudentStatus } from '../../domain/students';
import { listTariffs as listAvnTariffs, listTuitionDebtors as listAvnTuitionDebtors } from '../../sources/avn/avn.finance';
import { TuitionDebtorSortField, type TariffsArgs, type TuitionDebtorsArgs } from './finance.inputs';
import { viewerReach } from '../../auth/policies';

const SORT: Record<TuitionDebtorSortField, TuitionDebtorSort> = { [TuitionDebtorSortField.DEBT]: 'debt', [TuitionDebtorSortField.NAME]: 'name' };

export function listTuitionDebtors(context: HubContext, args: TuitionDebtorsArgs) {
  const where = args.where ?? {};
  if (where.minDebt != null && !(where.minDebt >= 0)) {
    throw validationFailed('`minDebt` must not be negative: the list holds only students who owe money.', 'where.minDebt');
  }
  const field = args.orderBy?.field ?? TuitionDebtorSortField.DEBT;
  // Largest debt first by default: that is what the accounting office works down.
  const direction = args.orderBy ? args.orderBy.direction : OrderDirection.DESC;
  return listAvnTuitionDebtors(context, {
    filter: {
      facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
      groupKey: where.groupId ? intKeyOf(where.groupId, 'Group') : null,
      studentStatusIn: enumListArgument(where.studentStatusIn, StudentStatus, 'where.studentStatusIn'),
      academicYear: where.academicYear ?? null,
      minDebt: where.minDebt ?? null,
      asOf: args.asOf ?? null,
    },
    sort: SORT[field],
    desc: direction === OrderDirection.DESC,
    page: readPage(args, `tuition-debtors:${field}:${direction}:${args.asOf ?? 'now'}`),
    // Access: only students the viewer may see.
    reach: viewerReach(context),
  });
}

export function listTariffs(context: HubContext, args: TariffsArgs) {
  const where = args.where ?? {};
  const filter = { programmeKey: where.programmeId ? intKeyOf(where.programmeId, 'Programme') : null, academicYear: where.academicYear };
  return listAvnTariffs(context, { filter, page: readPage(args, 'tariffs:year-desc:code') });
}
