/**
 * The read benchmark's operations, each defined once per system: as GraphQL for the hub, as
 * GraphQL for PostGraphile (which sees only AVN's native tables, so it answers the AVN part of the
 * multi-source operations — labelled so in the results), and as a route of the floor server
 * (bench/reads/floor-queries.ts holds its SQL).
 *
 * avnGroupGrades is the fair head-to-head: the same fields and the same rows in all three
 * (checked by `normaliseGroupGrades` before measuring).
 */
import fs from 'node:fs';
import path from 'node:path';
import { toGlobalId } from '../../src/domain/global-id';
import { ROOT } from '../lib/hub-process';

/** The real rows the operations are asked about (picked from the data by bench/reads/pick-ids.ts). */
export interface BenchIds {
  /** A study group with about 30 students (AVN grp_id) and its name. */
  groupKey: number;
  groupName: string;
  groupSize: number;
  /** A studying student linked to a library reader and a dormitory resident (AVN zachetka). */
  studentNumber: string;
  /** The faculty with the most students (AVN fak_id). */
  facultyKey: number;
}

export type SystemName = 'hub' | 'postgraphile' | 'floor';
export const SYSTEM_NAMES: readonly SystemName[] = ['hub', 'postgraphile', 'floor'];

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

export interface Operation {
  name: OperationName;
  /** What it reads, for the results' legend. */
  description: string;
  hub(ids: BenchIds): GraphQLRequest;
  /** PostGraphile's request and how much of the operation it covers. */
  postgraphile(ids: BenchIds): GraphQLRequest & { scope: string };
  /** The floor server's route takes these variables (POST /<name>). */
  floor(ids: BenchIds): Record<string, unknown>;
}

export const OPERATION_NAMES = ['studyCard', 'groupPage', 'facultyDashboard', 'avnGroupGrades'] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

// README's study card, exactly as GraphiQL opens it (the test suite keeps the file valid).
const STUDY_CARD = fs.readFileSync(path.join(ROOT, 'test', 'operations', 'StudyCard.graphql'), 'utf8');

const studyCard: Operation = {
  name: 'studyCard',
  description: "one student's full study card (README's StudyCard: AVN + QR-visit + library + dormitory + registrar + identity registry)",
  hub: (ids) => ({ query: STUDY_CARD, variables: { studentNumber: ids.studentNumber } }),
  postgraphile: (ids) => ({
    scope: 'AVN part only (programme, grades with credits, attendance counts, orders, contracts and payments); no GPA, QR-visit, library, dormitory, registrar or registry',
    query: /* GraphQL */ `
      query StudyCardAvn($studentNumber: String!) {
        studentByZachetka(zachetka: $studentNumber) {
          fam imya otch statusId formaOplaty
          gruppaByGrpId { name specialnostBySpecId { shifr nameKy fakultetByFakId { nameKy } } }
          vedomostStrsByStudId { nodes { m1 m2 itog total bukva vedomostByVedId { uchGod semestr dataOtkr uchPlanStrByStrId { kredity } } } }
          lessons: jurnalOtmetkasByStudId { totalCount }
          present: jurnalOtmetkasByStudId(condition: { prisutstvie: "P" }) { totalCount }
          late: jurnalOtmetkasByStudId(condition: { prisutstvie: "O" }) { totalCount }
          absent: jurnalOtmetkasByStudId(condition: { prisutstvie: "N" }) { totalCount }
          prikazStudentsByStudId { nodes { prikazByPrikazId { nomer data tipId status } } }
          kontraktsByStudId { nodes { summa skidka oplatasByKontrId { nodes { summa vid } } } }
        }
      }`,
    variables: { studentNumber: ids.studentNumber },
  }),
  floor: (ids) => ({ studentNumber: ids.studentNumber }),
};

const groupPage: Operation = {
  name: 'groupPage',
  description: 'a group page: its ~30 students with GPA per semester, attendance rate, current library loans and dormitory placement',
  hub: (ids) => ({
    query: /* GraphQL */ `
      query GroupPage($groupId: ID!) {
        node(id: $groupId) {
          ... on Group {
            name
            students(first: 100) {
              nodes {
                studentNumber fullName status gpa
                semesters { academicYear semester gpa }
                attendanceSummary { attendanceRate }
                loans(first: 5, status: CURRENT) { nodes { title dueAt overdue } }
                dormitoryPlacement { status building { name } room { number } }
              }
            }
          }
        }
      }`,
    variables: { groupId: toGlobalId('Group', ids.groupKey) },
  }),
  postgraphile: (ids) => ({
    scope: 'AVN part only (students, grade totals with credits, attendance counts); GPA and rate left to the client; no loans or placement',
    query: /* GraphQL */ `
      query GroupPageAvn($groupKey: Int!) {
        gruppaByGrpId(grpId: $groupKey) {
          name
          studentsByGrpId(orderBy: [FAM_ASC, IMYA_ASC, STUD_ID_ASC]) {
            nodes {
              zachetka fam imya otch statusId
              vedomostStrsByStudId { nodes { total vedomostByVedId { uchGod semestr dataOtkr uchPlanStrByStrId { kredity } } } }
              lessons: jurnalOtmetkasByStudId { totalCount }
              present: jurnalOtmetkasByStudId(condition: { prisutstvie: "P" }) { totalCount }
              late: jurnalOtmetkasByStudId(condition: { prisutstvie: "O" }) { totalCount }
            }
          }
        }
      }`,
    variables: { groupKey: ids.groupKey },
  }),
  floor: (ids) => ({ groupKey: ids.groupKey }),
};

const facultyDashboard: Operation = {
  name: 'facultyDashboard',
  description: "a faculty dashboard: chairs, programmes with their groups' studying counts, faculty-wide student counts by status and funding, top tuition debtors, latest orders (the largest faculty)",
  hub: (ids) => ({
    query: /* GraphQL */ `
      query FacultyDashboard($facultyId: ID!) {
        faculty: node(id: $facultyId) {
          ... on Faculty {
            name
            dean { fullName }
            chairs { name }
            programmes { code name groups { name yearOfStudy studying: studentCount(status: STUDYING) } }
          }
        }
        studying: students(first: 1, where: { facultyId: $facultyId, status: STUDYING }) { totalCount }
        onLeave: students(first: 1, where: { facultyId: $facultyId, status: ACADEMIC_LEAVE }) { totalCount }
        contract: students(first: 1, where: { facultyId: $facultyId, status: STUDYING, fundingType: CONTRACT }) { totalCount }
        debtors: tuitionDebtors(first: 10, where: { facultyId: $facultyId }) {
          totalCount
          nodes { debt student { studentNumber fullName group { name } } }
        }
        orders(first: 5, where: { facultyId: $facultyId }) { totalCount nodes { number date type status } }
      }`,
    variables: { facultyId: toGlobalId('Faculty', ids.facultyKey) },
  }),
  postgraphile: (ids) => ({
    scope: "nearest AVN equivalent: chairs, programmes → groups with studying counts, latest orders; faculty-wide counts must be summed by the client; no tuition debtors (needs aggregates)",
    query: /* GraphQL */ `
      query FacultyDashboardAvn($facultyKey: Int!) {
        fakultetByFakId(fakId: $facultyKey) {
          nameKy dekanEmpId
          kafedrasByFakId { nodes { nameKy } }
          specialnostsByFakId(orderBy: SHIFR_ASC) {
            nodes {
              shifr nameKy
              gruppasBySpecId { nodes { name kurs studying: studentsByGrpId(condition: { statusId: 1 }) { totalCount } } }
            }
          }
          prikazsByFakId(first: 5, orderBy: [DATA_DESC, PRIKAZ_ID_DESC]) { totalCount nodes { nomer data tipId status } }
        }
      }`,
    variables: { facultyKey: ids.facultyKey },
  }),
  floor: (ids) => ({ facultyKey: ids.facultyKey }),
};

const avnGroupGrades: Operation = {
  name: 'avnGroupGrades',
  description: 'THE HEAD-TO-HEAD, AVN only: a group → its students → every grade-sheet row (year, semester, discipline code, module 1, module 2, final, total); the same fields and rows in all three',
  hub: (ids) => ({
    query: /* GraphQL */ `
      query AvnGroupGrades($groupId: ID!) {
        node(id: $groupId) {
          ... on Group {
            name
            students(first: 100) {
              nodes {
                studentNumber surname givenName patronymic
                semesters { academicYear semester grades { disciplineCode module1 module2 final total } }
              }
            }
          }
        }
      }`,
    variables: { groupId: toGlobalId('Group', ids.groupKey) },
  }),
  postgraphile: (ids) => ({
    scope: 'the same fields and rows',
    query: /* GraphQL */ `
      query AvnGroupGrades($groupKey: Int!) {
        gruppaByGrpId(grpId: $groupKey) {
          name
          studentsByGrpId(orderBy: [FAM_ASC, IMYA_ASC, STUD_ID_ASC]) {
            nodes {
              zachetka fam imya otch
              vedomostStrsByStudId {
                nodes { m1 m2 itog total vedomostByVedId { uchGod semestr uchPlanStrByStrId { disciplinaByDiscId { kod } } } }
              }
            }
          }
        }
      }`,
    variables: { groupKey: ids.groupKey },
  }),
  floor: (ids) => ({ groupKey: ids.groupKey }),
};

export const OPERATIONS: Readonly<Record<OperationName, Operation>> = { studyCard, groupPage, facultyDashboard, avnGroupGrades };
