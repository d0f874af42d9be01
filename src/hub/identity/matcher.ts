/**
 * The identity matcher: a pure function from the person-bearing records of the sources (and the
 * registry as it stands) to new links, new people and review items. No I/O, no clock, no
 * randomness: the same input gives the same output, which is what makes re-runs idempotent.
 *
 * Order of evidence (strongest first), and why:
 * 1. AVN students and employees are anchors: AVN is the system of record for who studies and works
 *    here. Each distinct PIN among them is one person (a teacher studying for a master's degree is
 *    both); an AVN record without a PIN is a person of its own.
 * 2. Other records by PIN (method 'pin'): a PIN is unique to a citizen. A PIN pointing at a
 *    clearly different name is a typo or a borrowed identity: a 'conflict' review, not a link.
 * 3. By student number (the AVN zachetka a dormitory types in), checked against the name.
 * 4. By normalised name + birth date: exactly one candidate links; two or more is 'ambiguous'.
 *    A near name is not enough when it is another person's (see distinctNames): a given name that
 *    differs, or a gender ending (twins: Нурлан / Нурлана, Асель / Айсель) gets its own person and
 *    a 'near_name' review; only a PIN or a student number may link it.
 * Nothing is merged when unsure: unclear records go to review, and a near miss (same name, other
 * birth date) gets its own person plus a 'no_match' review so an administrator can merge by hand.
 *
 * The `pin` of a record is opaque here: the service passes keyed digests, never raw PINs.
 */
import { RECORD_SOURCES, type RecordSource, type SourcePersonRecord } from '../../domain/identity';
import { compareNames, comparePatronymics, distinctNames, fromNameKey, normalizeName, type NormalizedName } from './name-normalizer';

export type LinkMethod = 'anchor' | 'pin' | 'student_number' | 'name_birth_date' | 'manual';
/**
 * Why a record waits for an administrator:
 * - ambiguous: two or more people fit equally well;
 * - conflict: a PIN or student number points at a person whose name clearly differs;
 * - no_match: a near miss (the same name with a birth date that looks mistyped): a person of its own;
 * - near_name: the same birth date and a near name that is another person's (a given name that
 *   differs, a gender ending: twins): a person of its own, linked only by a PIN or student number;
 * - link_broken: a change in a source (a corrected PIN or birth date…) no longer supports the
 *   record's existing link; the link stays until an administrator decides (identity.relink.ts).
 */
export type ReviewReason = 'ambiguous' | 'conflict' | 'no_match' | 'near_name' | 'link_broken';
export const REVIEW_REASONS: readonly ReviewReason[] = ['ambiguous', 'conflict', 'no_match', 'near_name', 'link_broken'];

export interface ExistingPerson {
  id: number;
  pin: string | null;
  nameKey: string;
  birthDate: string | null;
}

export interface ExistingLink {
  source: string;
  localKey: string;
  personId: number;
  method: LinkMethod;
  confidence: number;
}

export interface ExistingRegistry {
  people: ExistingPerson[];
  links: ExistingLink[];
}

/** People created by this run carry negative ids (-1, -2, …) until the service gives them real ones. */
export interface NewPerson {
  tempId: number;
  pin: string | null;
  nameKey: string;
  birthDate: string | null;
}

export interface NewLink {
  source: RecordSource;
  localKey: string;
  personId: number;
  method: Exclude<LinkMethod, 'manual'>;
  confidence: number;
}

export interface ReviewItem {
  source: RecordSource;
  localKey: string;
  reason: ReviewReason;
  candidatePersonIds: number[];
  /** For the administrator: which evidence disagreed. Never names or PINs (ids and field names only). */
  detail: string;
}

export interface MatchResult {
  newPeople: NewPerson[];
  /** Existing people that gain the PIN of a newly linked record. */
  pinUpdates: { personId: number; pin: string }[];
  links: NewLink[];
  reviews: ReviewItem[];
  /** Records that were already linked and stay as they are. */
  kept: number;
}

export const CONFIDENCE = {
  anchor: 1,
  pin: 1,
  studentNumberExact: 0.98,
  studentNumberClose: 0.95,
  nameBirthDatePatronymic: 0.95,
  nameBirthDate: 0.9,
  /** Same birth date and a name within a typo or two: still one candidate only. */
  nameBirthDateClose: 0.8,
} as const;

interface PersonState {
  id: number;
  pin: string | null;
  names: NormalizedName[];
  birthDates: Set<string>;
}

/** Sources handled after the anchors, in this order (applicants usually carry AVN's own link). */
const FOLLOWER_ORDER: RecordSource[] = ['avn.applicant', 'dormitory.resident', 'library.borrower'];

export function matchIdentities(records: readonly SourcePersonRecord[], existing: ExistingRegistry = { people: [], links: [] }): MatchResult {
  return new Matcher(existing).run(records);
}

class Matcher {
  private readonly people = new Map<number, PersonState>();
  private readonly byPin = new Map<string, number>();
  // Indexes map to small arrays of person ids (cheaper than Sets at tens of thousands of keys).
  private readonly byNameBirth = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  private readonly byBirth = new Map<string, number[]>();
  private readonly byStudentNumber = new Map<string, number>();
  private readonly linked = new Map<string, number>();
  private nextTempId = -1;
  private readonly result: MatchResult = { newPeople: [], pinUpdates: [], links: [], reviews: [], kept: 0 };
  private readonly newPeopleById = new Map<number, NewPerson>();

  constructor(existing: ExistingRegistry) {
    for (const person of existing.people) {
      const state: PersonState = { id: person.id, pin: null, names: [], birthDates: new Set() };
      this.people.set(person.id, state);
      if (person.pin && !this.byPin.has(person.pin)) {
        state.pin = person.pin;
        this.byPin.set(person.pin, person.id);
      }
      this.indexName(state, fromNameKey(person.nameKey), person.birthDate);
    }
    for (const link of existing.links) {
      if (this.people.has(link.personId)) this.linked.set(recordId(link), link.personId);
    }
  }

  run(records: readonly SourcePersonRecord[]): MatchResult {
    const sorted = [...records].sort(compareRecords);
    const pending: SourcePersonRecord[] = [];
    // Records already in the registry keep their person; their current data adds evidence for
    // matching the new ones (the hub stores only one name key and birth date per person).
    for (const record of sorted) {
      const personId = this.linked.get(recordId(record));
      if (personId === undefined) {
        pending.push(record);
        continue;
      }
      this.result.kept++;
      this.addEvidence(this.people.get(personId)!, record, normalizeName(record));
    }
    for (const record of pending) if (isAnchor(record)) this.matchAnchor(record);
    for (const source of FOLLOWER_ORDER) {
      for (const record of pending) if (record.source === source) this.matchFollower(record);
    }
    return this.result;
  }

  private matchAnchor(record: SourcePersonRecord): void {
    const name = normalizeName(record);
    if (record.pin) {
      const personId = this.byPin.get(record.pin);
      if (personId !== undefined) {
        if (this.nameAgainst(name, personId) === 'different') {
          // Rule says one PIN is one person, but a PIN shared by two clearly different AVN people
          // is a data-entry error in AVN; merging them would join two real people.
          this.review(record, 'conflict', [personId], 'PIN matches an AVN person with a different name; kept apart');
          this.createPerson(record, name, false);
          return;
        }
        this.link(record, name, personId, 'pin', CONFIDENCE.pin);
        return;
      }
    }
    this.createPerson(record, name, true);
  }

  private matchFollower(record: SourcePersonRecord): void {
    const name = normalizeName(record);

    // 1. PIN.
    let pinUnknown = false;
    if (record.pin) {
      const personId = this.byPin.get(record.pin);
      if (personId !== undefined) {
        if (this.nameAgainst(name, personId) === 'different') {
          this.review(record, 'conflict', [personId], 'PIN matches a person with a different name');
          return;
        }
        this.link(record, name, personId, 'pin', CONFIDENCE.pin);
        return;
      }
      pinUnknown = true;
    }

    // 2. Student number, checked against the name.
    let numberConflict: number | null = null;
    if (record.studentNumber) {
      const personId = this.byStudentNumber.get(record.studentNumber.trim());
      if (personId !== undefined) {
        const agreement = this.nameAgainst(name, personId);
        const person = this.people.get(personId)!;
        const pinDisagrees = pinUnknown && person.pin !== null;
        if (agreement !== 'different' && !pinDisagrees) {
          const confidence = agreement === 'exact' ? CONFIDENCE.studentNumberExact : CONFIDENCE.studentNumberClose;
          this.link(record, name, personId, 'student_number', confidence);
          return;
        }
        // A mistyped number (or PIN): let the name and birth date decide, else ask an administrator.
        numberConflict = personId;
      }
    }

    // 3. Normalised name + birth date.
    let nearNames: number[] = [];
    const compatible = (personId: number) => {
      const person = this.people.get(personId)!;
      // A person with another PIN is another person (both PINs are known and differ).
      if (pinUnknown && person.pin !== null) return false;
      // Names known without a patronymic (a library card) say nothing about the father.
      const fathers = person.names.filter((other) => other.patronymic !== null);
      return fathers.length === 0 || fathers.some((other) => comparePatronymics(name.patronymic, other.patronymic) !== 'different');
    };
    if (record.birthDate && name.tokens.length >= 2) {
      const exact = this.byNameBirth.get(`${name.key}|${record.birthDate}`) ?? [];
      const exactOk = exact.filter(compatible);
      if (exactOk.length === 1) {
        const person = this.people.get(exactOk[0])!;
        const patronymicSame = person.names.some((other) => comparePatronymics(name.patronymic, other.patronymic) === 'same');
        this.link(record, name, exactOk[0], 'name_birth_date', patronymicSame ? CONFIDENCE.nameBirthDatePatronymic : CONFIDENCE.nameBirthDate);
        return;
      }
      if (exactOk.length > 1) {
        this.review(record, 'ambiguous', exactOk, `${exactOk.length} people share the normalised name and birth date`);
        return;
      }
      if (exact.length > 0) {
        // Same name and birth date, but another PIN or father: a namesake, so a person of its own;
        // rare enough (or a typo in a PIN) to be worth an administrator's look.
        this.ownPerson(record, name, exact, 'same name and birth date, but the PIN or patronymic differs');
        return;
      }
      // A typo in the name: same birth date and a name within an edit or two, whose given name
      // and gender agree. A near name that is another person's (a twin's) never links here.
      const sameBirth = (this.byBirth.get(record.birthDate) ?? []).filter(compatible);
      const close = sameBirth.filter((personId) => this.nearness(name, personId) === 'close');
      if (close.length === 1 && numberConflict === null) {
        this.link(record, name, close[0], 'name_birth_date', CONFIDENCE.nameBirthDateClose);
        return;
      }
      if (close.length > 1) {
        this.review(record, 'ambiguous', close, `${close.length} people have the birth date and a similar name`);
        return;
      }
      nearNames = sameBirth.filter((personId) => this.nearness(name, personId) === 'distinct');
    }

    if (numberConflict !== null) {
      this.review(record, 'conflict', [numberConflict], 'student number belongs to a person with a different name or PIN');
      return;
    }

    if (nearNames.length > 0) {
      // Twins and siblings: same birth date, a near name that is another person's.
      this.ownPerson(record, name, nearNames, 'same birth date and a near name with another given name or gender ending (a twin?); not linked without a PIN or student number', 'near_name');
      return;
    }

    // 4. No match: a person of its own (an external reader, a guest). A namesake whose birth date
    // looks like a typo of this one (or, without a birth date, one of very few namesakes) is a
    // near miss for an administrator; a namesake with an unrelated birth date is just a common name.
    this.ownPerson(record, name, this.nearMisses(record, name), record.birthDate ? 'same name, birth date differs slightly' : 'same name, no birth date');
  }

  /** A record that matched nobody becomes a person; near misses go to review ('no_match' unless told otherwise). */
  private ownPerson(record: SourcePersonRecord, name: NormalizedName, nearMisses: readonly number[], detail: string, reason: ReviewReason = 'no_match'): void {
    const candidates = [...nearMisses]; // a copy: the index arrays grow as the person is created
    this.createPerson(record, name, true);
    if (candidates.length > 0) this.review(record, reason, candidates, detail);
  }

  private nearMisses(record: SourcePersonRecord, name: NormalizedName): number[] {
    if (name.tokens.length < 2) return [];
    const namesakes = this.byName.get(name.key) ?? [];
    if (!record.birthDate) return namesakes.length <= MAX_NAMESAKES_WITHOUT_BIRTH_DATE ? namesakes : [];
    return namesakes.filter((personId) => [...this.people.get(personId)!.birthDates].some((date) => birthDateTypo(date, record.birthDate!)));
  }

  /** The best agreement between a record's name and any name known for a person. */
  private nameAgainst(name: NormalizedName, personId: number): 'exact' | 'close' | 'different' {
    let best: 'exact' | 'close' | 'different' = 'different';
    for (const other of this.people.get(personId)!.names) {
      const agreement = compareNames(name, other);
      if (agreement === 'exact') return 'exact';
      if (agreement === 'close') best = 'close';
    }
    return best;
  }

  /**
   * How near a record's name is to a person's, for linking on name and birth date: 'close' when
   * some name of the person is exact or close and not another person's (distinctNames),
   * 'distinct' when the only near names are another person's (a twin's), else 'different'.
   */
  private nearness(name: NormalizedName, personId: number): 'close' | 'distinct' | 'different' {
    let best: 'close' | 'distinct' | 'different' = 'different';
    for (const other of this.people.get(personId)!.names) {
      if (compareNames(name, other) === 'different') continue;
      if (!distinctNames(name, other)) return 'close';
      best = 'distinct';
    }
    return best;
  }

  /** A record that starts a person of its own is that person's anchor (an AVN record, an external reader…). */
  private createPerson(record: SourcePersonRecord, name: NormalizedName, withPin: boolean): number {
    const id = this.nextTempId--;
    const pin = withPin && record.pin && !this.byPin.has(record.pin) ? record.pin : null;
    const person: NewPerson = { tempId: id, pin, nameKey: name.key, birthDate: record.birthDate };
    this.result.newPeople.push(person);
    this.newPeopleById.set(id, person);
    const state: PersonState = { id, pin, names: [], birthDates: new Set() };
    this.people.set(id, state);
    if (pin) this.byPin.set(pin, id);
    this.result.links.push({ source: record.source, localKey: record.localKey, personId: id, method: 'anchor', confidence: CONFIDENCE.anchor });
    this.linked.set(recordId(record), id);
    this.addEvidence(state, record, name);
    return id;
  }

  private link(record: SourcePersonRecord, name: NormalizedName, personId: number, method: NewLink['method'], confidence: number): void {
    this.result.links.push({ source: record.source, localKey: record.localKey, personId, method, confidence });
    this.linked.set(recordId(record), personId);
    this.addEvidence(this.people.get(personId)!, record, name);
  }

  /** Adds what a linked record tells about its person to the indexes later records are matched on. */
  private addEvidence(person: PersonState, record: SourcePersonRecord, name: NormalizedName): void {
    if (record.pin && person.pin === null && !this.byPin.has(record.pin)) {
      person.pin = record.pin;
      this.byPin.set(record.pin, person.id);
      const fresh = this.newPeopleById.get(person.id);
      if (fresh) fresh.pin = record.pin;
      else this.result.pinUpdates.push({ personId: person.id, pin: record.pin });
    }
    if (record.source === 'avn.student' && record.studentNumber) {
      const number = record.studentNumber.trim();
      if (!this.byStudentNumber.has(number)) this.byStudentNumber.set(number, person.id);
    }
    this.indexName(person, name, record.birthDate);
  }

  private indexName(person: PersonState, name: NormalizedName, birthDate: string | null): void {
    const given = name.given?.join(' ') ?? null;
    if (!person.names.some((n) => n.key === name.key && n.patronymic === name.patronymic && (n.given?.join(' ') ?? null) === given)) person.names.push(name);
    if (name.tokens.length > 0) addTo(this.byName, name.key, person.id);
    if (birthDate) {
      person.birthDates.add(birthDate);
      addTo(this.byBirth, birthDate, person.id);
      if (name.tokens.length > 0) addTo(this.byNameBirth, `${name.key}|${birthDate}`, person.id);
    }
  }

  private review(record: SourcePersonRecord, reason: ReviewReason, candidates: number[], detail: string): void {
    const candidatePersonIds = [...new Set(candidates)].sort((a, b) => a - b);
    this.result.reviews.push({ source: record.source, localKey: record.localKey, reason, candidatePersonIds, detail });
  }
}

/** Beyond this many namesakes a record without a birth date has a common name, not a near miss. */
const MAX_NAMESAKES_WITHOUT_BIRTH_DATE = 3;

/**
 * Whether two different ISO dates look like one date mistyped: one digit wrong, two adjacent
 * digits swapped, day and month swapped, or the year off by one (2009 → 2010).
 */
export function birthDateTypo(a: string, b: string): boolean {
  if (a === b || a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  if (diff.length === 1) return true;
  if (diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]) return true;
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return true;
  return ma === mb && da === db && Math.abs(Number(ya) - Number(yb)) === 1;
}

function isAnchor(record: SourcePersonRecord): boolean {
  return record.source === 'avn.student' || record.source === 'avn.employee';
}

function recordId(record: { source: string; localKey: string }): string {
  return `${record.source}:${record.localKey}`;
}

function addTo(index: Map<string, number[]>, key: string, id: number): void {
  const ids = index.get(key);
  if (!ids) index.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

/** Deterministic order: by source (anchors first), then numerically by local key. */
function compareRecords(a: SourcePersonRecord, b: SourcePersonRecord): number {
  const order = (s: RecordSource) => RECORD_SOURCES.indexOf(s);
  if (a.source !== b.source) return order(a.source) - order(b.source);
  const na = Number(a.localKey);
  const nb = Number(b.localKey);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a.localKey < b.localKey ? -1 : a.localKey > b.localKey ? 1 : 0;
}
