import { describe, expect, it } from 'vitest';
import type { RecordSource, SourcePersonRecord } from '../../src/domain/identity';
import { birthDateTypo, matchIdentities, type ExistingRegistry, type MatchResult } from '../../src/hub/identity/matcher';

let nextKey = 1;
function rec(source: RecordSource, fields: Partial<SourcePersonRecord> & Pick<SourcePersonRecord, 'surname' | 'givenName'>): SourcePersonRecord {
  return { source, localKey: String(nextKey++), pin: null, patronymic: null, birthDate: null, studentNumber: null, ...fields };
}

const personOf = (result: MatchResult, record: SourcePersonRecord) =>
  result.links.find((l) => l.source === record.source && l.localKey === record.localKey)?.personId;
const linkOf = (result: MatchResult, record: SourcePersonRecord) =>
  result.links.find((l) => l.source === record.source && l.localKey === record.localKey);
const reviewOf = (result: MatchResult, record: SourcePersonRecord) =>
  result.reviews.find((r) => r.source === record.source && r.localKey === record.localKey);

/** What the service does with a result: give the new people real ids and store the links. */
function persist(result: MatchResult, registry: ExistingRegistry, firstId: number): ExistingRegistry {
  const ids = new Map(result.newPeople.map((p, i) => [p.tempId, firstId + i]));
  const real = (id: number) => (id < 0 ? ids.get(id)! : id);
  return {
    people: [...registry.people, ...result.newPeople.map((p) => ({ id: real(p.tempId), pin: p.pin, nameKey: p.nameKey, birthDate: p.birthDate }))],
    links: [...registry.links, ...result.links.map((l) => ({ ...l, personId: real(l.personId) }))],
  };
}

describe('identity matcher', () => {
  const pinA = '12001199900011';
  const pinB = '22002200000022';

  it('AVN students and employees are anchors; one PIN is one person', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', patronymic: 'Бакытович', birthDate: '1990-01-12', studentNumber: 'Z-1' });
    const employee = rec('avn.employee', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', patronymic: 'Бакытович', birthDate: '1990-01-12' });
    const noPin1 = rec('avn.student', { surname: 'Асанов', givenName: 'Нурлан', birthDate: '2004-03-01', studentNumber: 'Z-2' });
    const noPin2 = rec('avn.employee', { surname: 'Асанов', givenName: 'Нурлан', birthDate: '2004-03-01' });
    const result = matchIdentities([employee, student, noPin1, noPin2]);
    expect(personOf(result, student)).toBe(personOf(result, employee));
    expect(linkOf(result, student)!.method).toBe('anchor');
    expect(linkOf(result, employee)!.method).toBe('pin');
    // Without a PIN an AVN record is its own person, even with a namesake.
    expect(personOf(result, noPin1)).not.toBe(personOf(result, noPin2));
    expect(result.newPeople).toHaveLength(3);
    expect(result.newPeople.filter((p) => p.pin === pinA)).toHaveLength(1);
  });

  it('links by PIN with confidence 1', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Өмүрбекова', givenName: 'Нургүл', birthDate: '2003-05-05', studentNumber: 'Z-3' });
    const reader = rec('library.borrower', { pin: pinA, surname: 'Omurbekova', givenName: 'Nurgul' });
    const result = matchIdentities([student, reader]);
    expect(linkOf(result, reader)).toMatchObject({ personId: personOf(result, student), method: 'pin', confidence: 1 });
  });

  it('a PIN pointing at a clearly different name is a conflict for review, not a link', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Өмүрбекова', givenName: 'Нургүл', birthDate: '2003-05-05', studentNumber: 'Z-4' });
    const resident = rec('dormitory.resident', { pin: pinA, surname: 'Токтосунов', givenName: 'Марат', birthDate: '2002-01-01' });
    const result = matchIdentities([student, resident]);
    expect(linkOf(result, resident)).toBeUndefined();
    expect(reviewOf(result, resident)).toMatchObject({ reason: 'conflict', candidatePersonIds: [personOf(result, student)] });
  });

  it('links a dormitory resident by student number, checked against the name', () => {
    const student = rec('avn.student', { surname: 'Бакыт уулу', givenName: 'Нурлан', birthDate: '2004-02-02', studentNumber: '2021-0042' });
    const resident = rec('dormitory.resident', { surname: 'Nurlan', givenName: 'Bakyt uulu', studentNumber: '2021-0042' });
    const liar = rec('dormitory.resident', { surname: 'Садыкова', givenName: 'Айгерим', studentNumber: '2021-0042' });
    const result = matchIdentities([student, resident, liar]);
    expect(linkOf(result, resident)).toMatchObject({ personId: personOf(result, student), method: 'student_number' });
    expect(linkOf(result, liar)).toBeUndefined();
    expect(reviewOf(result, liar)).toMatchObject({ reason: 'conflict', candidatePersonIds: [personOf(result, student)] });
  });

  it('links a Latin spelling without PIN by normalised name and birth date', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', patronymic: 'Бакытович', birthDate: '2003-09-14', studentNumber: 'Z-5' });
    const reader = rec('library.borrower', { surname: 'Jumabaev', givenName: 'Aybek', birthDate: '2003-09-14' });
    const result = matchIdentities([student, reader]);
    expect(linkOf(result, reader)).toMatchObject({ personId: personOf(result, student), method: 'name_birth_date' });
    expect(linkOf(result, reader)!.confidence).toBeLessThan(1);
    expect(result.reviews).toHaveLength(0);
  });

  it('a name with a typo and the same birth date still links (lower confidence)', () => {
    const student = rec('avn.student', { surname: 'Султанбеков', givenName: 'Эрлан', birthDate: '2002-07-07', studentNumber: 'Z-6' });
    const reader = rec('library.borrower', { surname: 'Sultanbekof', givenName: 'Erlan', birthDate: '2002-07-07' });
    const result = matchIdentities([student, reader]);
    expect(linkOf(result, reader)).toMatchObject({ personId: personOf(result, student), method: 'name_birth_date', confidence: 0.8 });
  });

  it('namesakes with the same birth date make an ambiguous review listing both, never a merge', () => {
    const s1 = rec('avn.student', { pin: pinA, surname: 'Асанов', givenName: 'Нурлан', birthDate: '2004-03-01', studentNumber: 'Z-7' });
    const s2 = rec('avn.student', { pin: pinB, surname: 'Asanov', givenName: 'Nurlan', birthDate: '2004-03-01', studentNumber: 'Z-8' });
    const reader = rec('library.borrower', { surname: 'Asanov', givenName: 'Nurlan', birthDate: '2004-03-01' });
    const result = matchIdentities([s1, s2, reader]);
    expect(linkOf(result, reader)).toBeUndefined();
    expect(reviewOf(result, reader)).toMatchObject({
      reason: 'ambiguous',
      candidatePersonIds: [personOf(result, s1), personOf(result, s2)].sort((a, b) => a! - b!),
    });
  });

  it('a differing patronymic rules a namesake out', () => {
    const s1 = rec('avn.student', { surname: 'Асанов', givenName: 'Нурлан', patronymic: 'Бакытович', birthDate: '2004-03-01', studentNumber: 'Z-9' });
    const s2 = rec('avn.student', { surname: 'Асанов', givenName: 'Нурлан', patronymic: 'Маратович', birthDate: '2004-03-01', studentNumber: 'Z-10' });
    const resident = rec('dormitory.resident', { surname: 'Asanov', givenName: 'Nurlan', patronymic: 'Maratovich', birthDate: '2004-03-01' });
    const result = matchIdentities([s1, s2, resident]);
    expect(linkOf(result, resident)).toMatchObject({ personId: personOf(result, s2), method: 'name_birth_date', confidence: 0.95 });
  });

  it('same name and birth date but another PIN is a namesake: own person, flagged as a near miss', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Жанболот', patronymic: 'Нурланович', birthDate: '2005-05-15', studentNumber: 'Z-16' });
    const applicant = rec('avn.applicant', { pin: pinB, surname: 'Жумабаев', givenName: 'Жанболот', patronymic: 'Канат уулу', birthDate: '2005-05-15' });
    const result = matchIdentities([student, applicant]);
    expect(linkOf(result, applicant)).toMatchObject({ method: 'anchor' });
    expect(personOf(result, applicant)).not.toBe(personOf(result, student));
    expect(result.newPeople.find((p) => p.tempId === personOf(result, applicant))!.pin).toBe(pinB);
    expect(reviewOf(result, applicant)).toMatchObject({ reason: 'no_match', candidatePersonIds: [personOf(result, student)] });
  });

  it('a patronymic in the Kyrgyz form agrees with the Russian form of the same father', () => {
    const s1 = rec('avn.student', { surname: 'Асанов', givenName: 'Нурлан', patronymic: 'Бакытович', birthDate: '2004-03-01', studentNumber: 'Z-17' });
    const s2 = rec('avn.student', { surname: 'Асанов', givenName: 'Нурлан', patronymic: 'Маратович', birthDate: '2004-03-01', studentNumber: 'Z-18' });
    const reader = rec('library.borrower', { surname: 'Asanov', givenName: 'Nurlan', patronymic: 'Bakyt uulu', birthDate: '2004-03-01' });
    const result = matchIdentities([s1, s2, reader]);
    expect(linkOf(result, reader)).toMatchObject({ personId: personOf(result, s1), confidence: 0.95 });
  });

  it('an external reader becomes a person of its own, without a review', () => {
    const student = rec('avn.student', { surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'Z-11' });
    const reader = rec('library.borrower', { pin: pinB, surname: 'Smith', givenName: 'John', birthDate: '1970-01-01' });
    const sameReaderInDorm = rec('dormitory.resident', { pin: pinB, surname: 'Smith', givenName: 'John' });
    const result = matchIdentities([student, reader, sameReaderInDorm]);
    const readerPerson = personOf(result, reader)!;
    expect(readerPerson).not.toBe(personOf(result, student));
    expect(result.newPeople.find((p) => p.tempId === readerPerson)!.pin).toBe(pinB);
    expect(result.reviews).toHaveLength(0);
    // Residents are matched before readers: the resident started the person, the reader joined by PIN.
    expect(linkOf(result, sameReaderInDorm)).toMatchObject({ personId: readerPerson, method: 'anchor' });
    expect(linkOf(result, reader)!.method).toBe('pin');
  });

  it('a namesake whose birth date looks mistyped is a near miss: own person plus a no_match review', () => {
    const student = rec('avn.student', { surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'Z-12' });
    const typo = rec('library.borrower', { surname: 'Zhumabaev', givenName: 'Aibek', birthDate: '2003-09-15' });
    const namesake = rec('library.borrower', { surname: 'Zhumabaev', givenName: 'Aibek', birthDate: '1985-02-02' });
    const result = matchIdentities([student, typo, namesake]);
    expect(personOf(result, typo)).toBeDefined();
    expect(personOf(result, typo)).not.toBe(personOf(result, student));
    expect(reviewOf(result, typo)).toMatchObject({ reason: 'no_match', candidatePersonIds: [personOf(result, student)] });
    // Another birth date altogether: a common name, not worth an administrator's time.
    expect(personOf(result, namesake)).not.toBe(personOf(result, student));
    expect(reviewOf(result, namesake)).toBeUndefined();
  });

  it('recognises mistyped birth dates', () => {
    expect(birthDateTypo('2003-09-14', '2003-09-15')).toBe(true); // one digit
    expect(birthDateTypo('2003-09-14', '2003-09-41')).toBe(true); // adjacent digits swapped
    expect(birthDateTypo('2003-09-04', '2003-04-09')).toBe(true); // day and month swapped
    expect(birthDateTypo('2009-07-22', '2010-07-22')).toBe(true); // year off by one
    expect(birthDateTypo('2003-09-14', '2003-09-14')).toBe(false);
    expect(birthDateTypo('2003-09-14', '1985-02-02')).toBe(false);
    expect(birthDateTypo('2003-09-14', '2004-10-14')).toBe(false);
  });

  it('a re-run keeps person ids stable and matches new records against the existing registry', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'Z-13' });
    const employee = rec('avn.employee', { pin: pinB, surname: 'Осмонова', givenName: 'Айгерим', birthDate: '1980-01-01' });
    const reader = rec('library.borrower', { surname: 'Jumabaev', givenName: 'Aibek', birthDate: '2003-09-14' });
    const first = matchIdentities([student, employee, reader]);
    const registry = persist(first, { people: [], links: [] }, 100);

    const again = matchIdentities([student, employee, reader], registry);
    expect(again).toMatchObject({ newPeople: [], links: [], reviews: [], pinUpdates: [], kept: 3 });

    // New records: a resident with the student's PIN, the employee's Latin namesake in the library.
    const resident = rec('dormitory.resident', { pin: pinA, surname: 'Zhumabaev', givenName: 'Aibek' });
    const reader2 = rec('library.borrower', { surname: 'Osmonova', givenName: 'Aigerim', birthDate: '1980-01-01' });
    const third = matchIdentities([reader, resident, employee, student, reader2], registry);
    const idOf = (r: SourcePersonRecord) => registry.links.find((l) => l.source === r.source && l.localKey === r.localKey)!.personId;
    expect(third.newPeople).toHaveLength(0);
    expect(third.kept).toBe(3);
    expect(personOf(third, resident)).toBe(idOf(student));
    expect(personOf(third, reader2)).toBe(idOf(employee));
  });

  it('matches against a registry whose source is down (stored name key and birth date only)', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'Z-14' });
    const registry = persist(matchIdentities([student]), { people: [], links: [] }, 1);
    // AVN is down: only the library record is read.
    const reader = rec('library.borrower', { surname: 'Dzhumabaev', givenName: 'Aibek', birthDate: '2003-09-14' });
    const readerWithPin = rec('library.borrower', { pin: pinA, surname: 'Jumabaev', givenName: 'Aibek' });
    const result = matchIdentities([reader, readerWithPin], registry);
    expect(personOf(result, reader)).toBe(1);
    expect(linkOf(result, readerWithPin)).toMatchObject({ personId: 1, method: 'pin' });
  });

  it('is deterministic whatever the input order', () => {
    const records = [
      rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'Z-15' }),
      rec('avn.employee', { surname: 'Осмонова', givenName: 'Айгерим', birthDate: '1980-01-01' }),
      rec('library.borrower', { surname: 'Jumabaev', givenName: 'Aibek', birthDate: '2003-09-14' }),
      rec('dormitory.resident', { surname: 'Osmonova', givenName: 'Aigerim', birthDate: '1980-01-01' }),
    ];
    expect(matchIdentities([...records].reverse())).toEqual(matchIdentities(records));
  });
});

/**
 * Issue 10.5: twins share a birth date and often a surname, and their given names can differ by a
 * gender ending only (Нурлан / Нурлана) or be distinct names one letter apart (Асель / Айсель).
 * A near name of that kind is another person: never linked on name and birth date, sent to review.
 */
describe('10.5 twins and near names are never merged on name and birth date', () => {
  const twinPin = '22003200400111';

  it('a twin sister (gender endings in surname and given name) is not linked to her brother; she goes to review', () => {
    const brother = rec('avn.student', { pin: twinPin, surname: 'Асанов', givenName: 'Нурлан', patronymic: 'Бакытович', birthDate: '2004-03-20', studentNumber: 'T-1' });
    const sister = rec('library.borrower', { surname: 'Асанова', givenName: 'Нурлана', patronymic: 'Бакытовна', birthDate: '2004-03-20' });
    const result = matchIdentities([brother, sister]);
    expect(personOf(result, sister)).not.toBe(personOf(result, brother));
    expect(reviewOf(result, sister)).toMatchObject({ reason: 'near_name', candidatePersonIds: [personOf(result, brother)] });
  });

  it('a gender ending of the given name alone (Садыр / Садыра, one surname form) is another person', () => {
    const brother = rec('avn.student', { surname: 'Бакыт уулу', givenName: 'Садыр', birthDate: '2005-01-09', studentNumber: 'T-2' });
    const sister = rec('dormitory.resident', { surname: 'Бакыт уулу', givenName: 'Садыра', birthDate: '2005-01-09' });
    const result = matchIdentities([brother, sister]);
    expect(personOf(result, sister)).not.toBe(personOf(result, brother));
    expect(reviewOf(result, sister)).toMatchObject({ reason: 'near_name', candidatePersonIds: [personOf(result, brother)] });
  });

  it('distinct given names one letter apart (Асель / Айсель) are two people, in Cyrillic or Latin', () => {
    const asel = rec('avn.student', { surname: 'Осмонова', givenName: 'Асель', birthDate: '2003-11-02', studentNumber: 'T-3' });
    const aisel = rec('library.borrower', { surname: 'Осмонова', givenName: 'Айсель', birthDate: '2003-11-02' });
    const aiselLatin = rec('library.borrower', { surname: 'Osmonova', givenName: 'Aisel', birthDate: '2003-11-02' });
    const result = matchIdentities([asel, aisel, aiselLatin]);
    expect(personOf(result, aisel)).not.toBe(personOf(result, asel));
    expect(reviewOf(result, aisel)).toMatchObject({ reason: 'near_name', candidatePersonIds: [personOf(result, asel)] });
    // The second card of Айсель is her spelling exactly: it joins her, not her sister.
    expect(personOf(result, aiselLatin)).toBe(personOf(result, aisel));
  });

  it('twin brothers with one surname and one father (another given name) are two people', () => {
    const nurlan = rec('avn.student', { surname: 'Жумабаев', givenName: 'Нурлан', patronymic: 'Бакытович', birthDate: '2004-06-06', studentNumber: 'T-4' });
    const erlan = rec('library.borrower', { surname: 'Жумабаев', givenName: 'Эрлан', patronymic: 'Бакытович', birthDate: '2004-06-06' });
    const result = matchIdentities([nurlan, erlan]);
    expect(personOf(result, erlan)).not.toBe(personOf(result, nurlan));
    expect(reviewOf(result, erlan)).toMatchObject({ reason: 'near_name', candidatePersonIds: [personOf(result, nurlan)] });
  });

  it('a PIN or a student number still links a near name (the evidence the rule asks for)', () => {
    const student = rec('avn.student', { pin: twinPin, surname: 'Асанова', givenName: 'Нурлана', birthDate: '2004-03-20', studentNumber: 'T-5' });
    const byPin = rec('library.borrower', { pin: twinPin, surname: 'Asanova', givenName: 'Nurlan', birthDate: '2004-03-20' });
    const byNumber = rec('dormitory.resident', { surname: 'Асанова', givenName: 'Нурлан', birthDate: '2004-03-20', studentNumber: 'T-5' });
    const result = matchIdentities([student, byPin, byNumber]);
    expect(linkOf(result, byPin)).toMatchObject({ personId: personOf(result, student), method: 'pin' });
    expect(linkOf(result, byNumber)).toMatchObject({ personId: personOf(result, student), method: 'student_number' });
  });

  it('a typo in the surname with the given name intact still links (lower confidence), also when a twin is near', () => {
    const brother = rec('avn.student', { surname: 'Султанбеков', givenName: 'Нурлан', birthDate: '2002-07-07', studentNumber: 'T-6' });
    const sister = rec('avn.student', { surname: 'Султанбекова', givenName: 'Нурлана', birthDate: '2002-07-07', studentNumber: 'T-7' });
    const sistersCard = rec('library.borrower', { surname: 'Sultanbakova', givenName: 'Nurlana', birthDate: '2002-07-07' });
    const result = matchIdentities([brother, sister, sistersCard]);
    expect(linkOf(result, sistersCard)).toMatchObject({ personId: personOf(result, sister), method: 'name_birth_date', confidence: 0.8 });
  });
});
