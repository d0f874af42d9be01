/**
 * Keeps the hub's tables in a source from growing for ever: deletes captured changes (and
 * reported capture failures) that are both in the hub and older than the retention, at most
 * every `everyMs` and TRIM_BATCH rows a statement. A failure only postpones the next trim.
 */
import type pg from 'pg';
import type { SourceName } from '../config';
import { logger } from '../common/logger';
import { trimCaptureFailures } from './capture-failures';

/** Rows deleted per trim statement: a large backlog is worked off over several rounds, never in one long lock. */
const TRIM_BATCH = 5000;

export class ChangeTrimmer {
  private trimmedAt = 0;

  constructor(private readonly source: SourceName, private readonly retainMs: number, private readonly everyMs: number) {}

  /** Trims up to the ingested change position and the reported failure position (null: leave failures). */
  async trim(client: pg.Client, ingested: number, reportedFailures: number | null): Promise<void> {
    if (Date.now() - this.trimmedAt < this.everyMs) return;
    this.trimmedAt = Date.now();
    try {
      const { rowCount } = await client.query(
        `delete from campus_graph_change where id in (
           select id from campus_graph_change
            where id <= $1 and changed_at < clock_timestamp() - make_interval(secs => $2)
            order by id limit $3)`,
        [ingested, this.retainMs / 1000, TRIM_BATCH],
      );
      if (rowCount) logger.debug('Change feed: trimmed ingested changes', { source: this.source, rows: rowCount });
      // A full batch: more may be waiting; go on at the next round.
      if (rowCount === TRIM_BATCH) this.trimmedAt = 0;
      // Reported failures go the same way (the hub's capture_failure keeps them).
      if (reportedFailures !== null) {
        if ((await trimCaptureFailures(client, reportedFailures, this.retainMs, TRIM_BATCH)) === TRIM_BATCH) this.trimmedAt = 0;
      }
    } catch (error) {
      logger.warn('Change feed: trimming a source failed; will retry', { source: this.source, code: (error as { code?: string }).code });
    }
  }
}
