/**
 * The identity registry's tables in the hub database: reading the registry as it stands and
 * writing one run's result. Every write is one set-based statement (`unnest` of arrays), so a run
 * costs a handful of round trips whatever the number of people. The caller owns the transaction.
 */
import { REVIEW_REASONS, type ExistingLink, type ExistingRegistry, type LinkMethod, type MatchResult, type ReviewReason } from './matcher';
import type { Queryable } from './identity.sources';

export interface OpenReview {
  source: string;
  localKey: string;
  reason: ReviewReason;
}

/** Serialises rebuilds: two at once would both create the same new people. */
export async function lockRegistry(tx: Queryable): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('campus-graph:identity-registry'))`);
}

export async function loadRegistry(tx: Queryable): Promise<ExistingRegistry & { openReviews: OpenReview[] }> {
  const people = await tx.query(`select id, pin_digest, name_key, to_char(birth_date, 'YYYY-MM-DD') as birth_date from person`);
  const links = await tx.query(`select source, local_key, person_id, method, confidence from identity_link`);
  const reviews = await tx.query(`select source, local_key, reason from identity_review where status = 'open'`);
  return {
    people: people.rows.map((r) => ({ id: Number(r.id), pin: r.pin_digest, nameKey: r.name_key, birthDate: r.birth_date })),
    links: links.rows.map(
      (r): ExistingLink => ({ source: r.source, localKey: r.local_key, personId: Number(r.person_id), method: r.method as LinkMethod, confidence: Number(r.confidence) }),
    ),
    openReviews: reviews.rows.map((r) => ({ source: r.source, localKey: r.local_key, reason: r.reason })),
  };
}

/** Takes `count` ids from person's sequence, so new people can be referenced before they are inserted. */
export async function allocatePersonIds(tx: Queryable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await tx.query(
    `select nextval(pg_get_serial_sequence('person', 'id')) as id from generate_series(1, $1::int)`,
    [count],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Writes a match result whose temporary person ids (negative) have been replaced by real ones.
 * Existing links are never rewritten: a record keeps its person across runs.
 */
export async function writeResult(
  tx: Queryable,
  result: MatchResult,
  removals: { links: RecordRef[]; reviews: RecordRef[] },
): Promise<void> {
  const people = result.newPeople;
  if (people.length) {
    await tx.query(
      `insert into person (id, pin_digest, name_key, birth_date)
       select * from unnest($1::bigint[], $2::text[], $3::text[], $4::date[])`,
      [people.map((p) => p.tempId), people.map((p) => p.pin), people.map((p) => p.nameKey), people.map((p) => p.birthDate)],
    );
  }
  if (result.pinUpdates.length) {
    await tx.query(
      `update person p set pin_digest = u.pin_digest
         from unnest($1::bigint[], $2::text[]) as u(id, pin_digest)
        where p.id = u.id and p.pin_digest is null`,
      [result.pinUpdates.map((u) => u.personId), result.pinUpdates.map((u) => u.pin)],
    );
  }
  if (removals.links.length) {
    await tx.query(
      `delete from identity_link l using unnest($1::text[], $2::text[]) as d(source, local_key)
        where l.source = d.source and l.local_key = d.local_key`,
      [removals.links.map((r) => r.source), removals.links.map((r) => r.localKey)],
    );
  }
  const links = result.links;
  if (links.length) {
    await tx.query(
      `insert into identity_link (person_id, source, local_key, method, confidence)
       select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::real[])
       on conflict (source, local_key) do nothing`,
      [links.map((l) => l.personId), links.map((l) => l.source), links.map((l) => l.localKey), links.map((l) => l.method), links.map((l) => l.confidence)],
    );
  }
  if (removals.reviews.length) {
    await tx.query(
      `delete from identity_review r using unnest($1::text[], $2::text[]) as d(source, local_key)
        where r.source = d.source and r.local_key = d.local_key and r.status = 'open'`,
      [removals.reviews.map((r) => r.source), removals.reviews.map((r) => r.localKey)],
    );
  }
  const reviews = result.reviews;
  if (reviews.length) {
    // Candidate lists are jagged, so they travel as array literals ('{3,17}') cast per row.
    // An administrator's decision (resolved / dismissed) is not reopened by a later run.
    await tx.query(
      `insert into identity_review (source, local_key, reason, candidate_person_ids, detail)
       select source, local_key, reason, candidates::bigint[], detail
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as r(source, local_key, reason, candidates, detail)
       on conflict (source, local_key) do update
         set reason = excluded.reason, candidate_person_ids = excluded.candidate_person_ids, detail = excluded.detail
       where identity_review.status = 'open'`,
      [
        reviews.map((r) => r.source),
        reviews.map((r) => r.localKey),
        reviews.map((r) => r.reason),
        reviews.map((r) => `{${r.candidatePersonIds.join(',')}}`),
        reviews.map((r) => r.detail),
      ],
    );
  }
}

export interface RecordRef {
  source: string;
  localKey: string;
}

export async function writeMeta(tx: Queryable, key: string, value: string): Promise<void> {
  await tx.query(
    `insert into hub_meta (key, value) values ($1, $2)
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [key, value],
  );
}

export interface RegistryCounts {
  people: number;
  links: Record<LinkMethod, number>;
  reviews: Record<ReviewReason, number>;
}

/** Zero of every review reason (reports list them all). */
export function emptyReviewCounts(): Record<ReviewReason, number> {
  return Object.fromEntries(REVIEW_REASONS.map((reason) => [reason, 0])) as Record<ReviewReason, number>;
}

export async function countRegistry(tx: Queryable): Promise<RegistryCounts> {
  const { rows } = await tx.query(`
    select 'people' as kind, null as key, count(*)::int as n from person
    union all select 'link', method, count(*)::int from identity_link group by method
    union all select 'review', reason, count(*)::int from identity_review where status = 'open' group by reason`);
  const counts: RegistryCounts = {
    people: 0,
    links: { anchor: 0, pin: 0, student_number: 0, name_birth_date: 0, manual: 0 },
    reviews: emptyReviewCounts(),
  };
  for (const row of rows) {
    if (row.kind === 'people') counts.people = Number(row.n);
    else if (row.kind === 'link') counts.links[row.key as LinkMethod] = Number(row.n);
    else counts.reviews[row.key as ReviewReason] = Number(row.n);
  }
  return counts;
}
