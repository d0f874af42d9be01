/**
 * What the row rules need to know about the viewer beyond its keys: the groups a teacher teaches,
 * a chair's employees, a faculty's groups, a student's own card… Each set is read once per
 * request, on first use (one statement), so an administrator — or a query that never meets a
 * limited type — pays nothing.
 */
import { businessToday } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { identityLoaders } from '../../hub/identity/identity.loaders';
import { reachOf } from '../policies';
import type { Viewer } from '../viewer';
import { chairEmployeesSql, chairGroupsSql, facultyEmployeesSql, facultyGroupsSql, facultyStudentsSql, taughtGroupsSql } from '../../sources/avn/avn.scopes';
import { rowVisible } from './visibility';

/** A student viewer's own card, as the rules compare it. */
export interface Me {
  studentKey: number;
  groupKey: number;
  studentNumber: string;
  pin: string | null;
  personKey: number | null;
}

const ints = (rows: { k: number | string }[]) => new Set(rows.map((r) => Number(r.k)).filter(Number.isInteger));

export class ViewerFacts {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly context: HubContext) {}

  get viewer(): Viewer {
    return this.context.viewer;
  }

  /** May the viewer see `object` of type `typeName` (its domain and row rule)? For rules that delegate. */
  sees(typeName: string, object: unknown): boolean | Promise<boolean> {
    return rowVisible(this, typeName, object);
  }

  private once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      this.memo.set(key, (value = compute()));
      // A failure (a source briefly down) is not kept: a long-lived subscription asks again next time.
      value.catch(() => this.memo.delete(key));
    }
    return value;
  }

  private avnKeys(key: string, sql: string, params: unknown[]): Promise<Set<number>> {
    return this.once(key, async () => ints(await this.context.db.avn.query<{ k: number }>(sql, params)));
  }

  /** Groups the teacher viewer teaches (load, grade sheets, journal). */
  taughtGroups(): Promise<Set<number>> {
    return this.avnKeys('taughtGroups', `select grp_id as k from (${taughtGroupsSql('$1')}) t`, [this.viewer.scope.employeeKey]);
  }

  chairEmployees(): Promise<Set<number>> {
    return this.avnKeys('chairEmployees', `select emp_id as k from (${chairEmployeesSql('$1', '$2')}) t`, [this.viewer.scope.chairKey, businessToday(this.context)]);
  }

  chairGroups(): Promise<Set<number>> {
    return this.avnKeys('chairGroups', `select grp_id as k from (${chairGroupsSql('$1', '$2')}) t`, [this.viewer.scope.chairKey, businessToday(this.context)]);
  }

  facultyGroups(): Promise<Set<number>> {
    return this.avnKeys('facultyGroups', `select grp_id as k from (${facultyGroupsSql('$1')}) t`, [this.viewer.scope.facultyKey]);
  }

  facultyEmployees(): Promise<Set<number>> {
    return this.avnKeys('facultyEmployees', `select emp_id as k from (${facultyEmployeesSql('$1', '$2')}) t`, [this.viewer.scope.facultyKey, businessToday(this.context)]);
  }

  /** Student-book numbers of the faculty's students (the registrar knows students by them). */
  facultyStudentNumbers(): Promise<Set<string>> {
    return this.once('facultyStudentNumbers', async () => {
      const rows = await this.context.db.avn.query<{ n: string }>(
        `select s.zachetka as n from students s where s.stud_id in (${facultyStudentsSql('$1')})`,
        [this.viewer.scope.facultyKey],
      );
      return new Set(rows.map((r) => r.n));
    });
  }

  /** Keys of `source` linked (identity registry) to the persons of the faculty's students. */
  private facultyLinked(source: string): Promise<Set<number>> {
    return this.once(`facultyLinked:${source}`, async () => {
      const students = await this.context.db.avn.query<{ k: number }>(`select stud_id as k from (${facultyStudentsSql('$1')}) t`, [this.viewer.scope.facultyKey]);
      if (!students.length) return new Set<number>();
      const rows = await this.context.db.hub.query<{ k: string }>(
        `select distinct l2.local_key as k from identity_link l1
           join identity_link l2 on l2.person_id = l1.person_id and l2.source = $2
          where l1.source = 'avn.student' and l1.local_key = any($1::text[])`,
        [students.map((s) => String(s.k)), source],
      );
      return ints(rows);
    });
  }

  facultyReaders(): Promise<Set<number>> {
    return this.facultyLinked('library.borrower');
  }

  facultyResidents(): Promise<Set<number>> {
    return this.facultyLinked('dormitory.resident');
  }

  /** The student viewer's own card (null when its account names no student the sources know). */
  me(): Promise<Me | null> {
    return this.once('me', async () => {
      if (reachOf(this.viewer) !== 'self') return null;
      const scope = this.viewer.scope;
      // The same key the SQL scopes use: a student account names its AVN student record.
      const studentKey = scope.studentKey;
      if (studentKey == null) return null;
      const [row] = await this.context.db.avn.query<{ stud_id: number; grp_id: number; zachetka: string; pin: string | null }>(
        'select s.stud_id, s.grp_id, s.zachetka, s.pin from students s where s.stud_id = $1',
        [studentKey],
      );
      if (!row) return null;
      const personKey = scope.personKey ?? (await identityLoaders(this.context).personIdByRecord.load(`avn.student:${studentKey}`));
      return { studentKey: row.stud_id, groupKey: row.grp_id, studentNumber: row.zachetka, pin: row.pin?.trim() || null, personKey: personKey ?? null };
    });
  }

  /** Orders naming the student viewer. */
  myOrders(): Promise<Set<number>> {
    return this.avnKeys('myOrders', 'select distinct ps.prikaz_id as k from prikaz_student ps where ps.stud_id = $1', [this.viewer.scope.studentKey]);
  }

  /** The student viewer's tuition contracts. */
  myContracts(): Promise<Set<number>> {
    return this.avnKeys('myContracts', 'select k.kontr_id as k from kontrakt k where k.stud_id = $1', [this.viewer.scope.studentKey]);
  }

  /** Keys of `source` linked to the student viewer's person. */
  private myLinked(source: string): Promise<Set<number>> {
    return this.once(`myLinked:${source}`, async () => {
      const personKey = (await this.me())?.personKey ?? null;
      if (personKey == null) return new Set<number>();
      const records = await identityLoaders(this.context).recordsByPerson.load(personKey);
      return new Set(records.filter((r) => r.source === source).map((r) => Number(r.localKey)).filter(Number.isInteger));
    });
  }

  myReaders(): Promise<Set<number>> {
    return this.myLinked('library.borrower');
  }

  myResidents(): Promise<Set<number>> {
    return this.myLinked('dormitory.resident');
  }
}

/** The request's facts (created on first use). */
export function factsOf(context: HubContext): ViewerFacts {
  return context.loader('guard.facts', () => new ViewerFacts(context));
}
