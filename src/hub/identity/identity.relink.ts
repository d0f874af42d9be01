/**
 * Relinking the records a change in a source named (issue 10.6), as a pure function: from the
 * changed records' current rows and their candidate people — every link of those people and the
 * current rows of those links' records — to what must change in the registry. No I/O.
 *
 * One code path with the rebuild: the batch matcher (matcher.ts) decides. Each changed record is
 * matched against the candidates with its own link withheld, and what the matcher says is compared
 * with the link the record has:
 * - a record with no link gets what the matcher says: a link (PIN, student number, name + birth
 *   date), a person of its own, or a review;
 * - a linked record the matcher still puts with its person keeps its link (a corrected AVN record
 *   that started its person updates the person's stored name key and birth date; a PIN the person
 *   lacked is added);
 * - a linked record that is the only record of its person and now belongs with another person
 *   joins that person (its own person had nothing else to lose: a link made, audited as moved);
 * - any other disagreement — the record now matches another person, nobody, or several people,
 *   while its person has other records — breaks an existing link: the link stays as it is and a
 *   'link_broken' review waits for an administrator. A link is never moved away from other
 *   records on the hub's own authority;
 * - a record gone from its source loses its link (and its open review); its person keeps its id
 *   (ids are never reused), like a rebuild that no longer finds the record.
 */
import type { RecordSource, SourcePersonRecord } from '../../domain/identity';
import { matchIdentities, type ExistingRegistry, type LinkMethod, type NewLink, type NewPerson, type ReviewItem } from './matcher';
import { compareNames, distinctNames, fromNameKey, normalizeName } from './name-normalizer';

export interface RecordRef {
  source: string;
  localKey: string;
}

export interface RelinkInput {
  /** The current rows of the records the changes named that are still in their source. */
  changed: readonly SourcePersonRecord[];
  /** Records the changes named that are no longer in their source. */
  gone: readonly RecordRef[];
  /** The current rows of the other records linked to the candidate people (evidence, kept as they are). */
  evidence: readonly SourcePersonRecord[];
  /** The candidate people and every link they have (the changed records' links included). */
  registry: ExistingRegistry;
  /** Open reviews of the changed and gone records. */
  openReviews: readonly RecordRef[];
}

export interface MovedLink extends NewLink {
  fromPersonId: number;
  fromMethod: LinkMethod;
}

export interface RemovedLink {
  source: string;
  localKey: string;
  personId: number;
  method: LinkMethod;
}

export interface PersonRefresh {
  personId: number;
  nameKey: string;
  birthDate: string | null;
  /** Only when the person's PIN follows the record too (the record is the person's only one). */
  pin?: string | null;
}

export interface RelinkPlan {
  /** People to create (temporary negative ids, as in MatchResult). */
  newPeople: NewPerson[];
  /** Links made for records that had none. */
  made: NewLink[];
  /** Records that were alone on their person and join another person. */
  moved: MovedLink[];
  /** Links of records gone from their source. */
  removed: RemovedLink[];
  /** People whose stored name key, birth date (and PIN) follow the record that started them. */
  refreshed: PersonRefresh[];
  /** Existing people that gain the PIN of a record now linked to them. */
  pinUpdates: { personId: number; pin: string }[];
  reviews: ReviewItem[];
  /** Open reviews that no longer apply (the record is linked and raised nothing, or is gone). */
  settled: RecordRef[];
  /** Linked records whose link stays as it was (consistent, or broken and sent to review). */
  kept: number;
}

const idOf = (r: RecordRef) => `${r.source}:${r.localKey}`;
const isAnchor = (source: string) => source === 'avn.student' || source === 'avn.employee';

export function planRelink(input: RelinkInput): RelinkPlan {
  const plan: RelinkPlan = { newPeople: [], made: [], moved: [], removed: [], refreshed: [], pinUpdates: [], reviews: [], settled: [], kept: 0 };
  const changedIds = new Set(input.changed.map(idOf));
  const goneIds = new Set(input.gone.map(idOf));
  const linkOf = new Map(input.registry.links.map((l) => [idOf(l), l]));
  // Copies: a plan notes PINs it gives people as it goes.
  const people = new Map(input.registry.people.map((p) => [p.id, { ...p }]));
  const linksOfPerson = new Map<number, number>();
  for (const link of input.registry.links) linksOfPerson.set(link.personId, (linksOfPerson.get(link.personId) ?? 0) + 1);
  const openReview = new Set(input.openReviews.map(idOf));

  for (const ref of input.gone) {
    const link = linkOf.get(idOf(ref));
    if (link) plan.removed.push({ source: link.source, localKey: link.localKey, personId: link.personId, method: link.method });
    if (openReview.has(idOf(ref))) plan.settled.push({ source: ref.source, localKey: ref.localKey });
  }

  // The matcher's view, each changed record's own link withheld. A person whose every record is
  // withheld goes too: its stored name key, birth date and PIN are only those records' old data,
  // and would make the record a namesake of itself. A person with other records stays.
  const links = input.registry.links.filter((l) => !changedIds.has(idOf(l)) && !goneIds.has(idOf(l)));
  const stillLinked = new Set(links.map((l) => l.personId));
  const withheld: ExistingRegistry = {
    people: input.registry.people.filter((p) => stillLinked.has(p.id) || !linksOfPerson.has(p.id)),
    links,
  };
  const evidence = input.evidence.filter((r) => !changedIds.has(idOf(r)) && !goneIds.has(idOf(r)));
  const result = matchIdentities([...evidence, ...input.changed], withheld);
  const verdictLink = new Map(result.links.map((l) => [idOf(l), l]));
  const verdictReview = new Map(result.reviews.map((r) => [idOf(r), r]));
  const tempPeople = new Map(result.newPeople.map((p) => [p.tempId, p]));
  const evidenceOf = (personId: number) => [
    ...evidence.filter((r) => linkOf.get(idOf(r))?.personId === personId).map((r) => ({ name: normalizeName(r), birthDate: r.birthDate })),
    ...(people.has(personId) ? [{ name: fromNameKey(people.get(personId)!.nameKey), birthDate: people.get(personId)!.birthDate }] : []),
  ];

  // A temporary person of the matcher that stands for an existing one (the person a kept record is on).
  const tempAs = new Map<number, number>();
  const reviewed = new Set<string>();
  const pushReview = (review: ReviewItem) => {
    plan.reviews.push(review);
    reviewed.add(idOf(review));
  };

  // 1. Records that had a link.
  const brokenReviews: { record: SourcePersonRecord; personId: number; candidates: number[]; detail: string }[] = [];
  for (const record of input.changed) {
    const current = linkOf.get(idOf(record));
    if (!current) continue;
    const alone = linksOfPerson.get(current.personId) === 1;
    const verdict = verdictLink.get(idOf(record));
    const review = verdictReview.get(idOf(record));
    let target = verdict?.personId;
    if (target !== undefined && target < 0 && tempAs.has(target)) target = tempAs.get(target)!;

    if (target === current.personId) {
      keep(record, current.personId, current.method, alone, null);
      if (review) pushReview(review);
    } else if (target !== undefined && target < 0) {
      // The matcher would give the record a person of its own.
      if (alone || (isAnchor(record.source) && anchorAgrees(record, current.personId))) {
        tempAs.set(target, current.personId);
        keep(record, current.personId, current.method, alone, tempPeople.get(verdict!.personId) ?? null);
        if (review) pushReview(review);
      } else {
        plan.kept++;
        brokenReviews.push({ record, personId: current.personId, candidates: review?.candidatePersonIds ?? [], detail: 'it no longer matches its person' + (review ? ` (${review.detail})` : '') });
      }
    } else if (target !== undefined) {
      if (alone) {
        plan.moved.push({ source: record.source, localKey: record.localKey, personId: target, method: verdict!.method, confidence: verdict!.confidence, fromPersonId: current.personId, fromMethod: current.method });
        gainPin(target, record.pin);
        if (review) pushReview(review);
      } else {
        plan.kept++;
        brokenReviews.push({ record, personId: current.personId, candidates: [target], detail: `it now matches another person (${verdict!.method})` });
      }
    } else if (review) {
      if (alone) {
        plan.kept++;
        pushReview(review);
      } else {
        plan.kept++;
        brokenReviews.push({ record, personId: current.personId, candidates: review.candidatePersonIds, detail: `${review.reason}: ${review.detail}` });
      }
    } else {
      plan.kept++; // cannot happen: the matcher links or reviews every record
    }
  }

  // 2. Records that had none: what the matcher says.
  for (const record of input.changed) {
    if (linkOf.has(idOf(record))) continue;
    const verdict = verdictLink.get(idOf(record));
    if (verdict) {
      const personId = verdict.personId < 0 ? tempAs.get(verdict.personId) ?? verdict.personId : verdict.personId;
      plan.made.push({ ...verdict, personId });
      if (personId >= 0) gainPin(personId, record.pin);
    }
    const review = verdictReview.get(idOf(record));
    if (review) pushReview(review);
  }

  // People the made links need; temporary ids elsewhere are mapped or dropped.
  const created = new Set(plan.made.filter((l) => l.personId < 0).map((l) => l.personId));
  plan.newPeople = result.newPeople.filter((p) => created.has(p.tempId));
  const real = (ids: readonly number[]) =>
    [...new Set(ids.map((id) => (id < 0 ? tempAs.get(id) ?? (created.has(id) ? id : null) : id)).filter((id): id is number => id !== null))].sort((a, b) => a - b);
  plan.reviews = plan.reviews.map((r) => ({ ...r, candidatePersonIds: real(r.candidatePersonIds) }));
  for (const broken of brokenReviews) {
    pushReview({
      source: broken.record.source,
      localKey: broken.record.localKey,
      reason: 'link_broken',
      candidatePersonIds: real([broken.personId, ...broken.candidates]),
      detail: `a change in the source breaks the record's link: ${broken.detail}; the link stays until an administrator decides`,
    });
  }

  for (const record of input.changed) {
    if (!reviewed.has(idOf(record)) && openReview.has(idOf(record))) plan.settled.push({ source: record.source, localKey: record.localKey });
  }
  return plan;

  /** A record stays on its person; the person follows the record that started it. */
  function keep(record: SourcePersonRecord, personId: number, method: LinkMethod, alone: boolean, asMatched: NewPerson | null): void {
    plan.kept++;
    const person = people.get(personId);
    if (!person) return;
    if (alone && asMatched) {
      // The only record of its person: the person is what the matcher would make of it now.
      const pin = asMatched.pin ?? (record.pin && record.pin === person.pin ? record.pin : null);
      if (asMatched.nameKey !== person.nameKey || asMatched.birthDate !== person.birthDate || pin !== person.pin) {
        plan.refreshed.push({ personId, nameKey: asMatched.nameKey, birthDate: asMatched.birthDate, pin });
        person.pin = pin;
      }
      return;
    }
    if (method === 'anchor') {
      const nameKey = normalizeName(record).key;
      if (nameKey !== person.nameKey || record.birthDate !== person.birthDate) plan.refreshed.push({ personId, nameKey, birthDate: record.birthDate });
    }
    gainPin(personId, record.pin);
  }

  /** An existing person without a PIN takes the PIN of a record now linked to it, unless someone holds it. */
  function gainPin(personId: number, pin: string | null): void {
    if (!pin) return;
    const person = people.get(personId);
    if (!person || person.pin !== null) return;
    const held = input.registry.people.some((p) => p.pin === pin) || result.newPeople.some((p) => p.pin === pin) || plan.pinUpdates.some((u) => u.pin === pin);
    if (held) return;
    plan.pinUpdates.push({ personId, pin });
    person.pin = pin;
  }

  /**
   * An AVN record without a PIN (or with one its person lacked) is always a person of its own to
   * the matcher; it still belongs to its person when that person holds no other PIN and one of
   * its names is near the record's (not another person's) with the record's birth date.
   */
  function anchorAgrees(record: SourcePersonRecord, personId: number): boolean {
    const person = people.get(personId);
    if (!person || (person.pin !== null && person.pin !== record.pin)) return false;
    const name = normalizeName(record);
    return evidenceOf(personId).some(
      (e) => (record.birthDate === null || e.birthDate === record.birthDate) && compareNames(name, e.name) !== 'different' && !distinctNames(name, e.name),
    );
  }
}

/** The registry records a plan touches, for the caller's audit: made, moved and removed links. */
export function linksChangedBy(plan: RelinkPlan): { source: RecordSource | string; localKey: string; from: { personId: number; method: LinkMethod } | null; to: { personId: number; method: LinkMethod } | null }[] {
  return [
    ...plan.made.map((l) => ({ source: l.source, localKey: l.localKey, from: null, to: { personId: l.personId, method: l.method as LinkMethod } })),
    ...plan.moved.map((l) => ({ source: l.source, localKey: l.localKey, from: { personId: l.fromPersonId, method: l.fromMethod }, to: { personId: l.personId, method: l.method as LinkMethod } })),
    ...plan.removed.map((l) => ({ source: l.source, localKey: l.localKey, from: { personId: l.personId, method: l.method }, to: null })),
  ];
}
