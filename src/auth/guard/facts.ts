/**
 * What the row rules need to know about the viewer beyond its keys: the groups a teacher teaches,
 * a chair's employees, a faculty's groups, a student's own card… Each set is read once per
 * request, on first use (one statement, by the source that owns it), so an administrator — or a
 * query that never meets a limited type — pays nothing.
 */
import { businessToday, type SourceContext } from '../../db/read-context';
import type { Reach } from '../../domain/reach';
import { identityLoaders, linkedLocalKeys } from '../../hub/identity/identity.loaders';
import {
  chairEmployeeKeys, chairGroupKeys, contractKeysOfStudent, facultyEmployeeKeys, facultyGroupKeys, facultyStudentKeys, facultyStudentNumbers,
  orderKeysOfStudent, studentCard, taughtGroupKeys,
} from '../../sources/avn/avn.viewer-keys';
import type { Viewer } from '../viewer';

/** What the guard reads for a viewer: a source's read context with who is asking. */
export interface AccessContext extends SourceContext {
  readonly viewer: Viewer;
}

/** A student viewer's own card, as the rules compare it. */
export interface Me {
  studentKey: number;
  groupKey: number;
  studentNumber: string;
  pin: string | null;
  personKey: number | null;
}

/** Registry record sources of the cards other systems keep for a person. */
const LIBRARY_CARD = 'library.borrower';
const DORMITORY_RESIDENT = 'dormitory.resident';
const AVN_STUDENT = 'avn.student';

export class ViewerFacts {
  private readonly memo = new Map<string, Promise<unknown>>();

  /** `reach` is the viewer's reach with its keys (src/auth/policies.ts `viewerReach`). */
  constructor(readonly context: AccessContext, readonly reach: Reach) {}

  get viewer(): Viewer {
    return this.context.viewer;
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

  private get scope() {
    return this.viewer.scope;
  }

  /** Groups the teacher viewer teaches (load, grade sheets, journal). */
  taughtGroups(): Promise<Set<number>> {
    return this.once('taughtGroups', () => taughtGroupKeys(this.context, this.scope.employeeKey));
  }

  chairEmployees(): Promise<Set<number>> {
    return this.once('chairEmployees', () => chairEmployeeKeys(this.context, this.scope.chairKey, businessToday(this.context)));
  }

  chairGroups(): Promise<Set<number>> {
    return this.once('chairGroups', () => chairGroupKeys(this.context, this.scope.chairKey, businessToday(this.context)));
  }

  facultyGroups(): Promise<Set<number>> {
    return this.once('facultyGroups', () => facultyGroupKeys(this.context, this.scope.facultyKey));
  }

  facultyEmployees(): Promise<Set<number>> {
    return this.once('facultyEmployees', () => facultyEmployeeKeys(this.context, this.scope.facultyKey, businessToday(this.context)));
  }

  /** Student-book numbers of the faculty's students (the registrar knows students by them). */
  facultyStudentNumbers(): Promise<Set<string>> {
    return this.once('facultyStudentNumbers', () => facultyStudentNumbers(this.context, this.scope.facultyKey));
  }

  /** Keys of `source` linked (identity registry) to the persons of the faculty's students. */
  private facultyLinked(source: string): Promise<Set<number>> {
    return this.once(`facultyLinked:${source}`, async () =>
      linkedLocalKeys(this.context, AVN_STUDENT, await facultyStudentKeys(this.context, this.scope.facultyKey), source));
  }

  facultyReaders(): Promise<Set<number>> {
    return this.facultyLinked(LIBRARY_CARD);
  }

  facultyResidents(): Promise<Set<number>> {
    return this.facultyLinked(DORMITORY_RESIDENT);
  }

  /** The student viewer's own card (null when its account names no student the sources know). */
  me(): Promise<Me | null> {
    return this.once('me', async () => {
      if (this.reach.kind !== 'self') return null;
      // The same key the SQL scopes use: a student account names its AVN student record.
      const studentKey = this.reach.studentKey;
      if (studentKey == null) return null;
      const card = await studentCard(this.context, studentKey);
      if (!card) return null;
      const personKey = this.reach.personKey ?? (await identityLoaders(this.context).personIdByRecord.load(`${AVN_STUDENT}:${studentKey}`));
      return { ...card, personKey: personKey ?? null };
    });
  }

  /** Orders naming the student viewer. */
  myOrders(): Promise<Set<number>> {
    return this.once('myOrders', () => orderKeysOfStudent(this.context, this.scope.studentKey));
  }

  /** The student viewer's tuition contracts. */
  myContracts(): Promise<Set<number>> {
    return this.once('myContracts', () => contractKeysOfStudent(this.context, this.scope.studentKey));
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
    return this.myLinked(LIBRARY_CARD);
  }

  myResidents(): Promise<Set<number>> {
    return this.myLinked(DORMITORY_RESIDENT);
  }
}
