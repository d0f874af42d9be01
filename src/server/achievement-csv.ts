/**
 * The achievement report (5.11) as a CSV download: GET /reports/achievement.csv?level=FACULTY&
 * academicYear=2025-2026&term=AUTUMN[&asOf=…&facultyId=…&programmeId=…].
 *
 * It is the GraphQL field `achievementReport`, run for the caller: the same credentials (a bearer
 * token or an API key, checked and rate-limited as on /graphql), the same access rules (a dean's
 * rows are its faculty's; students and anonymous callers are refused), the same disclosure
 * control (a withheld row's figures are empty cells, and the Withheld column says why) and the
 * same numbers. Errors are JSON with the hub's stable codes: 401 without valid credentials, 403
 * when the report is not the caller's to read, 400 for bad parameters, 405 for another method.
 *
 * The file opens in Excel with Cyrillic intact: UTF-8 with a byte-order mark, written by
 * csv-stringify. A cell of text that a spreadsheet would read as a formula (starting with = + - @,
 * a tab or a carriage return) gets a leading apostrophe: unit names come from the sources.
 */
import type http from 'node:http';
import { HeaderMap } from '@apollo/server';
import { execute, parse, type GraphQLError, type GraphQLSchema } from 'graphql';
import { stringify } from 'csv-stringify/sync';
import { ErrorCode } from '../common/errors';
import { createContext, type HubRuntime } from '../graphql/context';
import { authenticateHttp, CredentialFailures } from './authentication';
import { clientAddress } from './client-address';
import { formatError } from './format-error';
import { sendGraphQLError, sendJson } from './http-io';
import type { QuerySafety } from './safety/query-safety';
import { rateLimitKey } from './safety/rate-limiter';
import { profileOf } from './safety/request-limits';

export const ACHIEVEMENT_CSV_PATH = '/reports/achievement.csv';

const LEVELS = ['FACULTY', 'PROGRAMME', 'GROUP'] as const;
type Level = (typeof LEVELS)[number];
const TERMS = ['AUTUMN', 'SPRING'] as const;

/** The report's figures in the order of the file, with their headers in the hub's words. */
const FIGURES: readonly (readonly [field: string, header: string])[] = [
  ['students', 'Students'],
  ['studying', 'Studying'],
  ['academicLeave', 'On academic leave'],
  ['expelled', 'Expelled'],
  ['graduated', 'Graduated'],
  ['graded', 'Graded students'],
  ['results', 'Counted results'],
  ['averageTotal', 'Average total (0-100)'],
  ['averagePoints', 'Average grade points (0-4)'],
  ['excellent', 'Excellent students'],
  ['good', 'Good students'],
  ['satisfactory', 'Satisfactory students'],
  ['failing', 'Failing students'],
  ['passRate', 'Pass rate'],
  ['academicDebtors', 'Academic debtors'],
  ['tuitionDebtors', 'Tuition debtors'],
  ['attendanceMarks', 'Attendance marks'],
  ['attendanceRate', 'Attendance rate'],
];

const UNIT_SELECTION: Record<Level, string> = {
  FACULTY: 'faculty { code name }',
  PROGRAMME: 'programme { code name }',
  GROUP: 'studyGroup { name }',
};

/** The unit's columns: its code (where it has one) and name. */
const UNIT_COLUMNS: Record<Level, readonly string[]> = {
  FACULTY: ['Faculty code', 'Faculty'],
  PROGRAMME: ['Programme code', 'Programme'],
  GROUP: ['Group'],
};

function reportQuery(level: Level): string {
  const row = `group { ${UNIT_SELECTION[level]} } suppressed suppression ${FIGURES.map(([field]) => field).join(' ')}`;
  return `query AchievementReportCsv($level: AchievementLevel!, $academicYear: String!, $term: AcademicTerm!, $asOf: LocalDate, $where: AchievementReportWhere, $first: Int, $after: String) {
  achievementReport(level: $level, academicYear: $academicYear, term: $term, asOf: $asOf, where: $where, first: $first, after: $after) {
    nodes { ${row} }
    total { ${row} }
    pageInfo { hasNextPage endCursor }
  }
}`;
}

/** A text cell a spreadsheet would take for a formula gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const STATUS_BY_CODE: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.INVALID_ID]: 400,
  [ErrorCode.INVALID_CURSOR]: 400,
  [ErrorCode.PAGE_TOO_LARGE]: 400,
  [ErrorCode.STATISTICS_TOO_DETAILED]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SOURCE_UNAVAILABLE]: 503,
  [ErrorCode.SOURCE_BUSY]: 503,
  [ErrorCode.STATEMENT_BUDGET_EXCEEDED]: 503,
};

const invalid = (message: string, field: string) => ({ errors: [{ message, extensions: { code: ErrorCode.VALIDATION_FAILED, field } }] });

export function achievementCsv(options: { runtime: HubRuntime; schema: GraphQLSchema; safety: QuerySafety }) {
  const { runtime, schema, safety } = options;
  const { config } = runtime;
  const authFailures = new CredentialFailures();
  const documents = new Map(LEVELS.map((level) => [level, parse(reportQuery(level))]));

  return async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if ((req.method ?? 'GET').toUpperCase() !== 'GET') {
      return sendJson(res, 405, { errors: [{ message: 'The report is downloaded with GET.', extensions: { code: 'METHOD_NOT_ALLOWED' } }] }, { allow: 'GET' });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const address = clientAddress(req, config.trustProxy);
    let viewer;
    try {
      ({ viewer } = await authenticateHttp(runtime, headers, address, authFailures));
    } catch (error) {
      return sendGraphQLError(res, error);
    }
    if (viewer.kind === 'anonymous') {
      return sendJson(res, 401, { errors: [{ message: 'The report needs credentials: a bearer token (Authorization) or an API key (X-Api-Key).', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
    }
    const overRate = safety.admitCaller(viewer, address, true);
    if (overRate) return sendGraphQLError(res, overRate);

    const q = url.searchParams;
    const level = q.get('level') as Level | null;
    if (!level || !LEVELS.includes(level)) return sendJson(res, 400, invalid('`level` must be FACULTY, PROGRAMME or GROUP.', 'level'));
    const term = q.get('term');
    if (!term || !(TERMS as readonly string[]).includes(term)) return sendJson(res, 400, invalid('`term` must be AUTUMN or SPRING.', 'term'));
    const academicYear = q.get('academicYear');
    if (!academicYear) return sendJson(res, 400, invalid('`academicYear` is required (e.g. "2025-2026").', 'academicYear'));
    const asOf = q.get('asOf');
    if (asOf !== null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return sendJson(res, 400, invalid('`asOf` must be a date (YYYY-MM-DD).', 'asOf'));
    const where = { facultyId: q.get('facultyId') ?? undefined, programmeId: q.get('programmeId') ?? undefined };

    const profile = profileOf(safety.limits, viewer);
    const context = createContext(runtime, {
      viewer,
      caller: { key: rateLimitKey(viewer, address), anonymous: false },
      maxStatements: profile.operation.maxStatements,
      clientAddress: address,
    });
    const rows: Record<string, unknown>[] = [];
    let total: Record<string, unknown> | null = null;
    for (let after: string | null = null; ; ) {
      const result = await execute({
        schema,
        document: documents.get(level)!,
        contextValue: context,
        variableValues: { level, academicYear, term, asOf, where, first: config.maxPageSize, after },
      });
      if (result.errors?.length) return sendErrors(res, result.errors);
      const report = (result.data as { achievementReport: { nodes: Record<string, unknown>[]; total: Record<string, unknown>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }).achievementReport;
      rows.push(...report.nodes);
      total = report.total;
      if (!report.pageInfo.hasNextPage) break;
      after = report.pageInfo.endCursor;
    }

    const columns = [...UNIT_COLUMNS[level], ...FIGURES.map(([, header]) => header), 'Withheld'];
    const line = (row: Record<string, unknown>, unit: readonly string[]) => [
      ...unit.map(neutraliseFormula),
      // A withheld row's figures are null in GraphQL: empty cells here.
      ...FIGURES.map(([field]) => row[field] ?? ''),
      row.suppressed ? String(row.suppression ?? 'yes') : 'no',
    ];
    const records = rows.map((row) => line(row, unitCells(level, row.group as Record<string, Record<string, string> | null>)));
    if (total) records.push(line(total, level === 'GROUP' ? ['Total'] : ['', 'Total']));
    const body = stringify(records, { bom: true, header: true, columns, record_delimiter: 'windows' });

    const filename = `achievement-${level.toLowerCase()}-${academicYear}-${term.toLowerCase()}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    });
    res.end(body);
  };
}

function unitCells(level: Level, group: Record<string, Record<string, string> | null>): string[] {
  if (level === 'FACULTY') return [group.faculty?.code ?? '', group.faculty?.name ?? ''];
  if (level === 'PROGRAMME') return [group.programme?.code ?? '', group.programme?.name ?? ''];
  return [group.studyGroup?.name ?? ''];
}

/** The first error of the operation as JSON, with the HTTP status its code stands for (formatted as /graphql formats it). */
function sendErrors(res: http.ServerResponse, errors: readonly GraphQLError[]): void {
  const first = errors[0];
  if (!first.path && first.extensions?.code === undefined) {
    // A parameter the schema refused before anything ran (a date that is no date): the caller's input.
    return sendJson(res, 400, { errors: [{ message: first.message, extensions: { code: ErrorCode.VALIDATION_FAILED } }] });
  }
  const formatted = errors.map((e) => formatError(e.toJSON(), e));
  const code = String(formatted[0].extensions?.code ?? ErrorCode.INTERNAL);
  sendJson(res, STATUS_BY_CODE[code] ?? 500, { errors: formatted.map((f) => ({ message: f.message, extensions: f.extensions ?? {} })) });
}
