/**
 * The ingesting instance's connection to one source: opened on demand with a LISTEN on the
 * source's change channel, reopened after a failure once `retryMs` has passed, and logged once
 * per outage (a source without its change table would otherwise log every retry).
 */
import pg from 'pg';
import type { SourceName } from '../config';
import { logger } from '../common/logger';

/** The channel a source's capture NOTIFYs on (see capture-sql.ts). */
const CHANGE_CHANNEL = 'campus_graph_change';

export interface SourceLinkOptions {
  name: SourceName;
  url: string;
  /** Shown as the connection's application_name (with the source's name). */
  appName: string;
  /** False: no LISTEN (tests of the poll path). */
  listen: boolean;
  /** Wait before reconnecting after a failure (ms). */
  retryMs: number;
  /** A NOTIFY arrived, or the connection failed: there is something to do. */
  onNotify(payload: string | undefined): void;
  onFailed(): void;
  /** The connection was closed: whatever was read through it (gaps being waited for) is void. */
  onClosed(): void;
}

export class SourceLink {
  private client: pg.Client | null = null;
  private broken = false;
  private retryAt = 0;
  private downLogged = false;

  constructor(private readonly options: SourceLinkOptions) {}

  /** The connection when it is open and working, else null (no connecting). */
  connected(): pg.Client | null {
    return this.client && !this.broken ? this.client : null;
  }

  /** The working connection, (re)connecting when none is and the retry wait is over; null: the source is down. */
  async open(): Promise<pg.Client | null> {
    if (this.client && !this.broken) return this.client;
    if (this.client) await this.close();
    if (Date.now() < this.retryAt) return null;
    const { name, url, appName } = this.options;
    const client = new pg.Client({ connectionString: url, application_name: `${appName}:${name}`, connectionTimeoutMillis: 5000 });
    client.on('error', () => {
      this.broken = true;
      this.options.onFailed();
    });
    client.on('notification', (message) => this.options.onNotify(message.payload));
    try {
      await client.connect();
      if (this.options.listen) await client.query(`listen ${CHANGE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.down('Change feed: source unavailable, retrying', error);
      return null;
    }
    this.broken = false;
    this.client = client;
    return client;
  }

  /** Reading through the connection failed: drop it and retry after the wait. */
  readFailed(error: unknown): void {
    this.broken = true;
    this.down('Change feed: reading a source failed, retrying', error);
  }

  /** Reading worked (says so once after an outage). */
  readWorked(): void {
    if (this.downLogged) logger.info('Change feed: source is back', { source: this.options.name });
    this.downLogged = false;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.options.onClosed();
    await client?.end().catch(() => undefined);
  }

  private down(message: string, error: unknown): void {
    this.retryAt = Date.now() + this.options.retryMs;
    if (!this.downLogged) logger.warn(message, { source: this.options.name, code: (error as { code?: string }).code });
    this.downLogged = true;
  }
}
