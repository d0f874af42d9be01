/**
 * The relinker's decisions (issue 10.6), as a pure function over a registry built by the batch
 * matcher: what a change to a record does to its link. The I/O around it (change feed, sources,
 * audit) is covered end to end in test/integration/trust/identity-current.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { RecordSource, SourcePersonRecord } from '../../src/domain/identity';
import { matchIdentities, type ExistingRegistry } from '../../src/hub/identity/matcher';
import { planRelink, type RelinkPlan } from '../../src/hub/identity/identity.relink';

let nextKey = 1;
function rec(source: RecordSource, fields: Partial<SourcePersonRecord> & Pick<SourcePersonRecord, 'surname' | 'givenName'>): SourcePersonRecord {
  return { source, localKey: String(nextKey++), pin: null, patronymic: null, birthDate: null, studentNumber: null, ...fields };
}

/** The registry the batch matcher builds from `records` (people numbered from 1). */
function registryOf(records: SourcePersonRecord[]): ExistingRegistry {
  const result = matchIdentities(records);
  const id = (temp: number) => -temp;
  return {
    people: result.newPeople.map((p) => ({ id: id(p.tempId), pin: p.pin, nameKey: p.nameKey, birthDate: p.birthDate })),
    links: result.links.map((l) => ({ ...l, personId: id(l.personId) })),
  };
}

const personOf = (registry: ExistingRegistry, r: SourcePersonRecord) => registry.links.find((l) => l.source === r.source && l.localKey === r.localKey)!.personId;

/** Relinks `changed` (their current rows) against the registry, every other record being evidence. */
function relink(registry: ExistingRegistry, all: SourcePersonRecord[], changed: SourcePersonRecord[], gone: SourcePersonRecord[] = []): RelinkPlan {
  const changedIds = new Set([...changed, ...gone].map((r) => `${r.source}:${r.localKey}`));
  return planRelink({
    changed,
    gone: gone.map((r) => ({ source: r.source, localKey: r.localKey })),
    evidence: all.filter((r) => !changedIds.has(`${r.source}:${r.localKey}`)),
    registry,
    openReviews: [],
  });
}

const pinA = '12001199900011';
const pinB = '22002200000022';

describe('10.6 relinking a changed record', () => {
  it('links a new record as the batch matcher would (PIN first), and makes no other change', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'R-1' });
    const registry = registryOf([student]);
    const card = rec('library.borrower', { pin: pinA, surname: 'Jumabaev', givenName: 'Aibek' });
    const plan = relink(registry, [student], [card]);
    expect(plan.made).toEqual([expect.objectContaining({ source: 'library.borrower', localKey: card.localKey, personId: personOf(registry, student), method: 'pin' })]);
    expect(plan).toMatchObject({ moved: [], removed: [], reviews: [], newPeople: [], refreshed: [] });
  });

  it('a record that was alone on its person (a mistyped PIN) joins the student once the PIN is corrected: moved', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'R-2' });
    const card = rec('library.borrower', { pin: pinB, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14' });
    const registry = registryOf([student, card]);
    expect(personOf(registry, card)).not.toBe(personOf(registry, student));
    const corrected = { ...card, pin: pinA };
    const plan = relink(registry, [student, card], [corrected]);
    expect(plan.moved).toEqual([expect.objectContaining({ localKey: card.localKey, personId: personOf(registry, student), fromPersonId: personOf(registry, card), method: 'pin' })]);
    expect(plan.reviews).toEqual([]);
  });

  it('a corrected PIN that points at another person breaks a link shared with other records: review, no move', () => {
    const a = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'R-3' });
    const b = rec('avn.student', { pin: pinB, surname: 'Осмонова', givenName: 'Айгерим', birthDate: '2002-01-01', studentNumber: 'R-4' });
    const card = rec('library.borrower', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек' });
    const registry = registryOf([a, b, card]);
    const plan = relink(registry, [a, b, card], [{ ...card, pin: pinB }]);
    expect(plan).toMatchObject({ made: [], moved: [], removed: [], pinUpdates: [] });
    expect(plan.reviews).toEqual([
      expect.objectContaining({ localKey: card.localKey, reason: 'link_broken', candidatePersonIds: [personOf(registry, a), personOf(registry, b)].sort((x, y) => x - y) }),
    ]);
  });

  it('a corrected birth date that no longer matches breaks a name + birth date link: review, the link stays', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'R-5' });
    const resident = rec('dormitory.resident', { surname: 'Zhumabaev', givenName: 'Aibek', birthDate: '2003-09-14' });
    const registry = registryOf([student, resident]);
    expect(personOf(registry, resident)).toBe(personOf(registry, student));
    const plan = relink(registry, [student, resident], [{ ...resident, birthDate: '1985-02-02' }]);
    expect(plan).toMatchObject({ made: [], moved: [], newPeople: [] });
    expect(plan.reviews).toEqual([expect.objectContaining({ localKey: resident.localKey, reason: 'link_broken', candidatePersonIds: [personOf(registry, student)] })]);
  });

  it('an AVN student whose PIN is corrected while its person has other records: review, nothing moves', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'R-6' });
    const card = rec('library.borrower', { pin: pinA, surname: 'Jumabaev', givenName: 'Aibek' });
    const registry = registryOf([student, card]);
    const plan = relink(registry, [student, card], [{ ...student, pin: pinB }]);
    expect(plan).toMatchObject({ made: [], moved: [], newPeople: [], refreshed: [] });
    expect(plan.reviews).toEqual([expect.objectContaining({ localKey: student.localKey, reason: 'link_broken' })]);
  });

  it('an AVN record without PIN keeps its person when its name is corrected within a typo; the person follows it', () => {
    const student = rec('avn.student', { surname: 'Султанбеков', givenName: 'Эрлан', birthDate: '2002-07-07', studentNumber: 'R-7' });
    const card = rec('library.borrower', { surname: 'Sultanbekov', givenName: 'Erlan', birthDate: '2002-07-07' });
    const registry = registryOf([student, card]);
    const plan = relink(registry, [student, card], [{ ...student, surname: 'Султанбекав' }]);
    expect(plan).toMatchObject({ made: [], moved: [], reviews: [], newPeople: [] });
    expect(plan.kept).toBe(1);
    expect(plan.refreshed).toEqual([{ personId: personOf(registry, student), nameKey: 'erlan sultanbekav', birthDate: '2002-07-07' }]);
  });

  it('a record alone on its person whose PIN changes to one nobody holds keeps its person, which takes the new PIN', () => {
    const card = rec('library.borrower', { pin: pinA, surname: 'Smith', givenName: 'John', birthDate: '1970-01-01' });
    const registry = registryOf([card]);
    const plan = relink(registry, [card], [{ ...card, pin: pinB }]);
    expect(plan).toMatchObject({ made: [], moved: [], reviews: [], newPeople: [] });
    expect(plan.refreshed).toEqual([{ personId: personOf(registry, card), nameKey: registry.people[0].nameKey, birthDate: '1970-01-01', pin: pinB }]);
  });

  it('a record gone from its source loses its link', () => {
    const student = rec('avn.student', { pin: pinA, surname: 'Жумабаев', givenName: 'Айбек', birthDate: '2003-09-14', studentNumber: 'R-8' });
    const card = rec('library.borrower', { pin: pinA, surname: 'Jumabaev', givenName: 'Aibek' });
    const registry = registryOf([student, card]);
    const plan = relink(registry, [student, card], [], [card]);
    expect(plan.removed).toEqual([{ source: 'library.borrower', localKey: card.localKey, personId: personOf(registry, student), method: 'pin' }]);
    expect(plan).toMatchObject({ made: [], moved: [], reviews: [] });
  });

  it('a new twin\'s card is not linked to the twin with a near name (10.5 through the relinker too)', () => {
    const brother = rec('avn.student', { pin: pinA, surname: 'Асанов', givenName: 'Нурлан', patronymic: 'Бакытович', birthDate: '2004-03-20', studentNumber: 'R-9' });
    const registry = registryOf([brother]);
    const sister = rec('library.borrower', { surname: 'Асанова', givenName: 'Нурлана', patronymic: 'Бакытовна', birthDate: '2004-03-20' });
    const plan = relink(registry, [brother], [sister]);
    expect(plan.made).toEqual([expect.objectContaining({ localKey: sister.localKey, method: 'anchor' })]);
    expect(plan.made[0].personId).toBeLessThan(0);
    expect(plan.reviews).toEqual([expect.objectContaining({ localKey: sister.localKey, reason: 'near_name', candidatePersonIds: [personOf(registry, brother)] })]);
  });
});
