/**
 * Name search in any spelling, over the registry: each searched word becomes its name skeleton
 * (name-normalizer.ts folds Cyrillic and every Latin transliteration scheme to one form), and the
 * persons whose stored name key holds every skeleton give their records of one source. One hub
 * statement; what a source's own ILIKE search cannot do ("Жумабаев" finds "Zhumabaev").
 */
import type { SourceContext } from '../../db/read-context';
import { skeleton, toLatin } from './name-normalizer';

/** The searched words as skeletons (empty when the text has no letters to fold). */
export function searchSkeletons(text: string): string[] {
  return toLatin(text).split(' ').filter(Boolean).map(skeleton).filter(Boolean);
}

/** Local keys of `source` records whose person's name key contains every word's skeleton; empty when no word has one. */
export async function recordsByNameSkeletons(context: Pick<SourceContext, 'db'>, text: string, source: string): Promise<number[]> {
  const words = searchSkeletons(text);
  if (!words.length) return [];
  const rows = await context.db.hub.query<{ k: string }>(
    `select distinct l.local_key as k from identity_link l join person p on p.id = l.person_id
      where l.source = $1 and ${words.map((_, i) => `strpos(p.name_key, $${i + 2}) > 0`).join(' and ')}`,
    [source, ...words],
  );
  return rows.map((r) => Number(r.k)).filter(Number.isInteger);
}
