/**
 * Which embedded demo sources are still empty (a first start): a source is seeded when its anchor
 * table, one the demo always fills, holds no rows. External sources are never seeded.
 */
import type { SourceName } from '../config';
import { SOURCE_NAMES } from '../config';
import type { Databases } from '../db/databases';

const ANCHOR_TABLE: Record<SourceName, string> = {
  avn: 'fakultet',
  qrvisit: 'lesson_session',
  library: 'borrowers',
  dormitory: 'buildings',
  registrar: 'request_types',
};

/** The embedded sources, reachable and migrated, whose anchor table is empty. */
export async function emptyEmbeddedSources(databases: Databases): Promise<SourceName[]> {
  const empty: SourceName[] = [];
  for (const name of SOURCE_NAMES) {
    const handle = databases.handles[name];
    if (handle.external || !handle.orm) continue;
    const rows = await handle.reader.query<{ any: boolean }>(`select exists (select 1 from ${ANCHOR_TABLE[name]}) as any`);
    if (!rows[0].any) empty.push(name);
  }
  return empty;
}
