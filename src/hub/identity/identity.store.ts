/**
 * The identity registry's tables in the hub database: reading the registry as it stands and
 * writing one run's result. Every write is one set-based statement (`unnest` of arrays), so a run
 * costs a handful of round trips whatever the number of people. The caller owns the transaction.
 */
import { REVIEW_REASONS, type ExistingLink, type ExistingRegistry, type LinkMethod, type MatchResult, type ReviewReason } from './matcher';
import type { Queryable } from '../../domain/identity';
import type { RelinkPlan } from './identity.relink';

export interface OpenReview {
  source: string;
  localKey: string;
  reason: ReviewReason;
}

/** Serialises rebuilds: two at once would both create the same new people. */
export async function lockRegistry(tx: Queryable): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('campus-graph:identity-registry'))`);
}

/**
 * People a record can be matched to: those with a record, and those holding a PIN. A person left
 * without records (its last one moved to another person or gone from its source) is retired —
 * its PIN digest cleared by {@link retirePeople} — and matches nothing any more; its row and id
 * stay (accounts, audit entries and reviews may name it).
 */
const MATCHABLE = `(p.pin_digest is not null or exists (select 1 from identity_link l where l.person_id = p.id))`;

export async function loadRegistry(tx: Queryable): Promise<ExistingRegistry & { openReviews: OpenReview[] }> {
  const people = await tx.query(`select p.id, p.pin_digest, p.name_key, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date from person p where ${MATCHABLE}`);
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
    const { rows } = await tx.query(
      `delete from identity_link l using unnest($1::text[], $2::text[]) as d(source, local_key)
        where l.source = d.source and l.local_key = d.local_key returning l.person_id`,
      [removals.links.map((r) => r.source), removals.links.map((r) => r.localKey)],
    );
    await retirePeople(tx, rows.map((r) => Number(r.person_id)));
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

/**
 * Retires the people among `personIds` left without any record: their PIN digest is cleared, so
 * the PIN is free for the person a later record with it joins, and they match nothing any more.
 */
export async function retirePeople(tx: Queryable, personIds: readonly number[]): Promise<void> {
  if (personIds.length === 0) return;
  await tx.query(
    `update person p set pin_digest = null
      where p.id = any($1::bigint[]) and p.pin_digest is not null and not exists (select 1 from identity_link l where l.person_id = p.id)`,
    [[...new Set(personIds)]],
  );
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

// ---------------------------------------------------------------------------------------------
// The relinker (identity.relinker.ts): its position in the event log, the candidates of a few
// changed records, and the writes of one plan.
// ---------------------------------------------------------------------------------------------

/** hub_meta key of the relinker's position: the last event-log cursor whose changes it applied. */
export const RELINK_CURSOR_META_KEY = 'identity.relink_cursor';

/** The relinker's position, locked until the transaction ends (null: never set). */
export async function readRelinkCursor(tx: Queryable): Promise<number | null> {
  const { rows } = await tx.query(`select value from hub_meta where key = $1 for update`, [RELINK_CURSOR_META_KEY]);
  return rows.length ? Number(rows[0].value) : null;
}

/** Sets the relinker's position where it has none yet (a rebuild starts it at the log's end). */
export async function initRelinkCursor(tx: Queryable, cursor: number): Promise<void> {
  await tx.query(`insert into hub_meta (key, value) values ($1, $2) on conflict (key) do nothing`, [RELINK_CURSOR_META_KEY, String(cursor)]);
}

export async function writeRelinkCursor(tx: Queryable, cursor: number): Promise<void> {
  await writeMeta(tx, RELINK_CURSOR_META_KEY, String(cursor));
}

/** The event log's newest cursor (0 when empty). */
export async function eventLogEnd(tx: Queryable): Promise<number> {
  const { rows } = await tx.query(`select coalesce(max(cursor), 0)::float8 as cursor from event_log`);
  return Number(rows[0].cursor);
}

export interface LoggedChange {
  cursor: number;
  source: string;
  table: string;
  op: string;
  key: string;
  data: Record<string, unknown>;
  old: Record<string, unknown> | null;
}

/** The logged changes of these tables after `after` up to `upTo`, in order, at most `limit`. */
export async function readLoggedChanges(
  tx: Queryable,
  tables: readonly { database: string; table: string }[],
  after: number,
  upTo: number,
  limit: number,
): Promise<LoggedChange[]> {
  const { rows } = await tx.query(
    `select e.cursor::float8 as cursor, e.source, e.table_name, e.op, e.row_key, e.row_data, e.old_data
       from event_log e
       join unnest($1::text[], $2::text[]) as t(source, table_name) on t.source = e.source and t.table_name = e.table_name
      where e.cursor > $3 and e.cursor <= $4
      order by e.cursor limit $5`,
    [tables.map((t) => t.database), tables.map((t) => t.table), after, upTo, limit],
  );
  return rows.map((r) => ({ cursor: Number(r.cursor), source: r.source, table: r.table_name, op: r.op, key: r.row_key, data: r.row_data, old: r.old_data }));
}

export interface CandidateQuery {
  /** PIN digests of the changed records. */
  pins: string[];
  birthDates: string[];
  nameKeys: string[];
  /** Records whose people are candidates too (the changed and gone records, students by number). */
  records: RecordRef[];
}

/**
 * Everyone a few changed records could be linked to — the people holding their PINs, born on
 * their birth dates, bearing their name keys, or linked to the named records — with every link
 * those people have, and the open reviews of the named records.
 */
export async function loadCandidates(tx: Queryable, q: CandidateQuery): Promise<ExistingRegistry & { openReviews: RecordRef[] }> {
  const people = await tx.query(
    `select p.id, p.pin_digest, p.name_key, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date from person p
      where p.pin_digest = any($1::text[])
         or ((p.birth_date = any($2::date[]) or p.name_key = any($3::text[])) and ${MATCHABLE})
         or p.id in (select l.person_id from identity_link l
                       join unnest($4::text[], $5::text[]) as r(source, local_key) on r.source = l.source and r.local_key = l.local_key)`,
    [q.pins, q.birthDates, q.nameKeys, q.records.map((r) => r.source), q.records.map((r) => r.localKey)],
  );
  const ids = people.rows.map((r) => Number(r.id));
  const links = await tx.query(`select source, local_key, person_id, method, confidence from identity_link where person_id = any($1::bigint[])`, [ids]);
  const reviews = await tx.query(
    `select v.source, v.local_key from identity_review v
       join unnest($1::text[], $2::text[]) as r(source, local_key) on r.source = v.source and r.local_key = v.local_key
      where v.status = 'open'`,
    [q.records.map((r) => r.source), q.records.map((r) => r.localKey)],
  );
  return {
    people: people.rows.map((r) => ({ id: Number(r.id), pin: r.pin_digest, nameKey: r.name_key, birthDate: r.birth_date })),
    links: links.rows.map(
      (r): ExistingLink => ({ source: r.source, localKey: r.local_key, personId: Number(r.person_id), method: r.method as LinkMethod, confidence: Number(r.confidence) }),
    ),
    openReviews: reviews.rows.map((r) => ({ source: r.source, localKey: r.local_key })),
  };
}

/**
 * Writes a relink plan whose temporary person ids have been replaced by real ones, in the
 * caller's transaction. Moves and removals name the person the link had, so a link that changed
 * meanwhile is left alone (the registry lock makes that impossible, the condition makes it sure).
 */
export async function writeRelinkPlan(tx: Queryable, plan: RelinkPlan): Promise<void> {
  // Links leave first, so that the people they leave are retired and their PINs free.
  for (const l of plan.removed) {
    await tx.query(`delete from identity_link where source = $1 and local_key = $2 and person_id = $3`, [l.source, l.localKey, l.personId]);
  }
  for (const l of plan.moved) {
    await tx.query(
      `update identity_link set person_id = $4, method = $5, confidence = $6, linked_at = now() where source = $1 and local_key = $2 and person_id = $3`,
      [l.source, l.localKey, l.fromPersonId, l.personId, l.method, l.confidence],
    );
  }
  await retirePeople(tx, [...plan.removed.map((l) => l.personId), ...plan.moved.map((l) => l.fromPersonId)]);
  for (const p of plan.newPeople) {
    await tx.query(`insert into person (id, pin_digest, name_key, birth_date) values ($1, $2, $3, $4)`, [p.tempId, p.pin, p.nameKey, p.birthDate]);
  }
  for (const r of plan.refreshed) {
    await tx.query(
      `update person p set name_key = $2, birth_date = $3::date,
              pin_digest = case when $4::boolean then p.pin_digest
                                when $5::text is null or not exists (select 1 from person o where o.pin_digest = $5 and o.id <> p.id) then $5
                                else p.pin_digest end
        where p.id = $1`,
      [r.personId, r.nameKey, r.birthDate, r.pin === undefined, r.pin ?? null],
    );
  }
  for (const u of plan.pinUpdates) {
    await tx.query(
      `update person p set pin_digest = $2 where p.id = $1 and p.pin_digest is null and not exists (select 1 from person o where o.pin_digest = $2)`,
      [u.personId, u.pin],
    );
  }
  if (plan.made.length) {
    const made = plan.made;
    await tx.query(
      `insert into identity_link (person_id, source, local_key, method, confidence)
       select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::real[])`,
      [made.map((l) => l.personId), made.map((l) => l.source), made.map((l) => l.localKey), made.map((l) => l.method), made.map((l) => l.confidence)],
    );
  }
  if (plan.settled.length) {
    await tx.query(
      `delete from identity_review r using unnest($1::text[], $2::text[]) as d(source, local_key)
        where r.source = d.source and r.local_key = d.local_key and r.status = 'open'`,
      [plan.settled.map((r) => r.source), plan.settled.map((r) => r.localKey)],
    );
  }
  if (plan.reviews.length) {
    // As in a rebuild, an administrator's decision is not reopened — except by a new change
    // that breaks the record's link: that is a new question.
    await tx.query(
      `insert into identity_review (source, local_key, reason, candidate_person_ids, detail)
       select source, local_key, reason, candidates::bigint[], detail
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as r(source, local_key, reason, candidates, detail)
       on conflict (source, local_key) do update
         set reason = excluded.reason, candidate_person_ids = excluded.candidate_person_ids, detail = excluded.detail,
             status = 'open', created_at = case when identity_review.status = 'open' then identity_review.created_at else now() end
       where identity_review.status = 'open' or excluded.reason = 'link_broken'`,
      [
        plan.reviews.map((r) => r.source),
        plan.reviews.map((r) => r.localKey),
        plan.reviews.map((r) => r.reason),
        plan.reviews.map((r) => `{${r.candidatePersonIds.join(',')}}`),
        plan.reviews.map((r) => r.detail),
      ],
    );
  }
}
