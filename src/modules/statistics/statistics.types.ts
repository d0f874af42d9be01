/**
 * The GraphQL shapes every statistic shares: the group a cell describes (one field per dimension),
 * why a cell is withheld, conditions on measures and orders by a measure (one input type per
 * statistic, its own measure enum), and the connection of cells with its total.
 */
import { ArgsType, Field, Float, InputType, Int, registerEnumType, type ClassType } from 'type-graphql';
import { GradeBand, StatisticsDimension } from '../../domain/statistics';
import { FundingType, Gender, StudentStatus } from '../../domain/students';
import { PageArgs, PageInfo } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import type { Suppression } from '../../hub/statistics/disclosure';
import type { Comparison } from '../../hub/statistics/shape';

export const SuppressionReason = { PRIMARY: 'PRIMARY', SECONDARY: 'SECONDARY' } as const satisfies Record<Suppression, Suppression>;
registerEnumType(SuppressionReason, {
  name: 'SuppressionReason',
  description: 'Why a statistics group\'s measures are withheld (disclosure control; README → Statistics for analysts).',
  valuesConfig: {
    PRIMARY: { description: 'The group counts fewer distinct people than the smallest group shown (STATISTICS_MIN_GROUP_SIZE, default 5).' },
    SECONDARY: { description: 'Withheld so that a withheld neighbour cannot be worked out from a total or from its sibling groups.' },
  },
});

export const ComparisonOperator = { GT: 'GT', GTE: 'GTE', LT: 'LT', LTE: 'LTE', EQ: 'EQ', NE: 'NE' } as const satisfies Record<Comparison, Comparison>;
registerEnumType(ComparisonOperator, {
  name: 'ComparisonOperator',
  description: 'How a measure is compared with a value in a condition on statistics groups.',
  valuesConfig: {
    GT: { description: 'Greater than.' },
    GTE: { description: 'Greater than or equal to.' },
    LT: { description: 'Less than.' },
    LTE: { description: 'Less than or equal to.' },
    EQ: { description: 'Equal to.' },
    NE: { description: 'Not equal to.' },
  },
});

registerEnumType(GradeBand, {
  name: 'GradeBand',
  description: 'A band of final grades by grade points on AVN\'s grading scale: 4.00 excellent; 3.00–3.99 good; above 0 satisfactory; 0 failing.',
  valuesConfig: {
    EXCELLENT: { description: 'Grade points 4.00 (letter A).' },
    GOOD: { description: 'Grade points from 3.00 to below 4.00 (B, C).' },
    SATISFACTORY: { description: 'Grade points above 0 and below 3.00 (D, E).' },
    FAILING: { description: 'Grade points 0 (F): a failed result.' },
  },
});

/** Descriptions of every dimension; each statistic's enum takes those it supports. */
export const DIMENSION_DESCRIPTIONS: Record<StatisticsDimension, string> = {
  FACULTY: 'The faculty or institute (of the group the fact belongs to).',
  PROGRAMME: 'The programme of study (специальность) of the group.',
  GROUP: 'The study group the fact belongs to (a grade sheet\'s, a lesson\'s, or the student\'s own group).',
  YEAR_OF_STUDY: 'The year of study: the term\'s semester of study halved up (semesters 1–2 are year 1).',
  INTAKE_YEAR: 'The intake year: the year the group was admitted (for applications, the year they were submitted).',
  ACADEMIC_YEAR: 'The academic year, as AVN writes it (e.g. "2025-2026").',
  SEMESTER: 'The semester of study (1, 2, …).',
  DISCIPLINE: 'The discipline.',
  TEACHER: 'The teacher (of the grade sheet or the lesson).',
  FUNDING_TYPE: 'The student\'s funding: budget or contract.',
  GENDER: 'The student\'s gender.',
  DATE: 'The day (of a lesson).',
  WEEK: 'The ISO week (Monday to Sunday), named by its Monday.',
  CHAIR: 'The chair (department).',
  STUDENT_STATUS: 'The student\'s status today.',
  BUILDING: 'The dormitory building.',
  GRADE_BAND: 'The band (see GradeBand) of the student\'s GPA as the study card computes it: Σ(credits × grade points) / Σ credits over the counted final results of the student\'s whole record (per curriculum item and term the latest grade sheet with a total), rounded to two decimals; null for a student without any.',
  REQUEST_TYPE: 'The Single Window request type (its code).',
  REQUEST_STATUS: 'The Single Window request status.',
};

/** A statistic's own dimension enum, named `<Name>Dimension`, with the shared descriptions (or the statistic's own). */
export function dimensionEnum<D extends StatisticsDimension>(name: string, dimensions: readonly D[], descriptions: Partial<Record<D, string>> = {}): { [K in D]: K } {
  const values = Object.fromEntries(dimensions.map((d) => [d, d])) as { [K in D]: K };
  registerEnumType(values, {
    name: `${name}Dimension`,
    description: `What ${name.charAt(0).toLowerCase()}${name.slice(1)} statistics can be grouped by (several at once).`,
    valuesConfig: Object.fromEntries(dimensions.map((d) => [d, { description: descriptions[d] ?? DIMENSION_DESCRIPTIONS[d] }])) as Partial<Record<D, { description: string }>>,
  });
  return values;
}

/**
 * A statistic's own measure enum, named `<Name>Measure` (`PEOPLE` and each measure in
 * SCREAMING_CASE); returns the map from enum value to the measure's name.
 */
export function measureEnum<M extends string>(name: string, measures: Readonly<Record<M, string>>): { values: Record<string, string>; toMeasure: (value: string) => M | 'people' } {
  const byValue: Record<string, M | 'people'> = { PEOPLE: 'people' };
  const valuesConfig: Record<string, { description: string }> = { PEOPLE: { description: 'The distinct people the group counts.' } };
  for (const [measure, description] of Object.entries(measures) as [M, string][]) {
    const value = measure.replace(/([A-Z])/g, '_$1').toUpperCase();
    byValue[value] = measure;
    valuesConfig[value] = { description };
  }
  const values = Object.fromEntries(Object.keys(byValue).map((v) => [v, v]));
  registerEnumType(values, { name: `${name}Measure`, description: `A measure of ${name.charAt(0).toLowerCase()}${name.slice(1)} statistics, for conditions and ordering.`, valuesConfig });
  return { values, toMeasure: (value) => byValue[value] };
}

/** `<Name>Condition` and `<Name>Order` inputs over a statistic's measure enum, and the arguments that take them. */
export function measureInputs(name: string, measureValues: object) {
  @InputType(`${name}Condition`, { description: `A condition on a measure of ${name} statistics (as SQL's HAVING): groups whose measure does not meet it are left out. A withheld group never meets a condition.` })
  class Condition {
    @Field(() => measureValues, { description: 'The measure compared.' })
    measure!: string;

    @Field(() => ComparisonOperator, { description: 'How it is compared.' })
    comparison!: Comparison;

    @Field(() => Float, { description: 'The value it is compared with (rates are fractions from 0 to 1).' })
    value!: number;
  }

  @InputType(`${name}Order`, { description: `An order of ${name} statistics groups by a measure; withheld groups come last whatever the order.` })
  class Order {
    @Field(() => measureValues, { description: 'The measure to sort by.' })
    measure!: string;

    @Field({ nullable: true, defaultValue: true, description: 'Largest first (the default); false for smallest first. Groups without a value come last.' })
    descending!: boolean;
  }
  /** The arguments every statistic shares besides its grouping and filter: paging, conditions, order. */
  @ArgsType()
  class MeasureArgs extends PageArgs {
    @Field(() => [Condition], { nullable: true, description: 'Conditions on measures the groups must meet (at most 10).' })
    having?: Condition[];

    @Field(() => [Order], { nullable: true, description: 'Order of the groups by measures (at most 3); by the dimensions\' values when omitted.' })
    orderBy?: Order[];
  }
  return { Condition, Order, MeasureArgs };
}

@HubObject('One count of a breakdown within a statistics group (e.g. how many results got each letter).', { node: false })
export class LabelCount {
  @Field({ description: 'What is counted (a letter of the grading scale, a presence mark…).' })
  label!: string;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

/**
 * The values of the dimensions a statistics group was formed by; the dimensions not grouped by are
 * null. Organisation units, disciplines and teachers resolve to their objects (under their own
 * access rules).
 */
@HubObject('The values of the dimensions a statistics group was formed by (null for those not grouped by).', { node: false })
export class StatisticsGroup {
  facultyKey?: number | null;
  programmeKey?: number | null;
  groupKey?: number | null;
  disciplineKey?: number | null;
  teacherKey?: number | null;
  chairKey?: number | null;
  buildingKey?: number | null;

  @Field(() => Int, { nullable: true, description: DIMENSION_DESCRIPTIONS.YEAR_OF_STUDY })
  yearOfStudy?: number | null;

  @Field(() => Int, { nullable: true, description: DIMENSION_DESCRIPTIONS.INTAKE_YEAR })
  intakeYear?: number | null;

  @Field(() => String, { nullable: true, description: DIMENSION_DESCRIPTIONS.ACADEMIC_YEAR })
  academicYear?: string | null;

  @Field(() => Int, { nullable: true, description: DIMENSION_DESCRIPTIONS.SEMESTER })
  semester?: number | null;

  @Field(() => FundingType, { nullable: true, description: DIMENSION_DESCRIPTIONS.FUNDING_TYPE })
  fundingType?: FundingType | null;

  @Field(() => Gender, { nullable: true, description: DIMENSION_DESCRIPTIONS.GENDER })
  gender?: Gender | null;

  @Field(() => String, { nullable: true, description: `${DIMENSION_DESCRIPTIONS.DATE} ISO date.` })
  date?: string | null;

  @Field(() => String, { nullable: true, description: `${DIMENSION_DESCRIPTIONS.WEEK} ISO date of that Monday.` })
  week?: string | null;

  @Field(() => StudentStatus, { nullable: true, description: DIMENSION_DESCRIPTIONS.STUDENT_STATUS })
  studentStatus?: StudentStatus | null;

  @Field(() => GradeBand, { nullable: true, description: DIMENSION_DESCRIPTIONS.GRADE_BAND })
  gradeBand?: GradeBand | null;

  @Field(() => String, { nullable: true, description: DIMENSION_DESCRIPTIONS.REQUEST_TYPE })
  requestType?: string | null;

  @Field(() => String, { nullable: true, description: DIMENSION_DESCRIPTIONS.REQUEST_STATUS })
  requestStatus?: string | null;
}

/** What every statistics cell (group) type has besides its measures. */
export interface CellNode {
  group: StatisticsGroup;
  suppressed: boolean;
  suppression: Suppression | null;
  people: number | null;
}

/** Declares `<Name>Edge` and `<Name>Connection` (with `total` and the disclosure figures) for a cell type. */
export function StatisticsConnectionType<N extends object>(cellType: ClassType<N>, name: string, what: string) {
  @HubObject(`An edge of a ${name}Connection: one group of ${what} and its cursor.`, { node: false, name: `${name}Edge` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => cellType, { description: `The group of ${what}.` })
    node!: N;
  }

  @HubObject(`The groups of ${what}, a page at a time (Relay cursor connection), with the total over all groups.`, { node: false, name: `${name}Connection` })
  class Connection {
    @Field(() => [Edge], { description: 'The groups of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => [cellType], { description: 'The groups of this page, without cursors.' })
    nodes!: N[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list of groups.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many groups there are in all (after the conditions).' })
    totalCount!: number;

    @Field(() => cellType, { description: `The measures over everything the filter selects (all groups together, conditions on measures not applied); withheld when it counts too few people.` })
    total!: N;

    @Field(() => Int, { description: 'How many groups are withheld by disclosure control (before the conditions on measures).' })
    withheldCount!: number;

    @Field(() => Int, { description: 'The smallest group (in distinct people) whose measures are shown to this viewer; 1 when the viewer may see personal data and every group is shown.' })
    minGroupSize!: number;
  }
  return Connection;
}
