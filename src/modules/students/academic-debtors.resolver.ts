/** The dean's academic debtors list: the GraphQL arguments as the source's filter, and each debtor's student. */
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { intKeyOf } from '../../domain/global-id';
import { viewerReach } from '../../auth/policies';
import { listAcademicDebtors } from '../../sources/avn/avn.grades';
import { studentById } from '../../sources/avn/avn.students';
import { OrderDirection } from '../../graphql/ordering';
import type { AcademicDebtorSort } from '../../domain/students';
import { AcademicDebtor, AcademicDebtorConnection, AcademicDebtorOrderField, AcademicDebtorsArgs } from './academic-debtor.types';
import { Student } from './student.types';

const SORT: Record<AcademicDebtorOrderField, AcademicDebtorSort> = {
  [AcademicDebtorOrderField.FAILED_DISCIPLINES]: 'failed',
  [AcademicDebtorOrderField.NAME]: 'name',
  [AcademicDebtorOrderField.STUDENT_NUMBER]: 'studentNumber',
};

@Resolver()
export class AcademicDebtorQueries {
  @Query(() => AcademicDebtorConnection, { nullable: true,
    description: 'Students with at least one failed discipline (zero grade points on the grading scale for the counted attempt, see AcademicDebtor.failedDisciplines), most failed disciplines first unless ordered otherwise; filter by faculty, group, academic year or semester.',
  })
  academicDebtors(@Args() args: AcademicDebtorsArgs, @Ctx() context: HubContext) {
    const where = args.where ?? {};
    const order = args.orderBy;
    return listAcademicDebtors(context, {
      filter: {
        facultyKey: where.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null,
        groupKey: where.groupId ? intKeyOf(where.groupId, 'Group') : null,
        academicYear: where.academicYear ?? null,
        semester: where.semester ?? null,
      },
      sort: order ? SORT[order.field] : undefined,
      desc: order?.direction === OrderDirection.DESC,
      page: readPage(args, order ? `academic-debtors:${order.field}:${order.direction}` : 'academic-debtors:failed-desc'),
      // Access: only students the viewer may see.
      reach: viewerReach(context),
    });
  }
}

@Resolver(() => AcademicDebtor)
export class AcademicDebtorRelations {
  @FieldResolver(() => Student, { description: 'The student with the failed disciplines.' })
  student(@Root() debtor: AcademicDebtor, @Ctx() context: HubContext) {
    return studentById(context).load(debtor.studentKey);
  }
}

export const AcademicDebtorResolvers = [AcademicDebtorQueries, AcademicDebtorRelations] as const;
