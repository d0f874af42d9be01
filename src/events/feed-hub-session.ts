/**
 * The change feed's own connection to the hub database. It carries the ingest lock, the inserts
 * into the event log and the tail's reads, so that an instance whose session ended can no longer
 * write; it LISTENs for the leader's "new events" NOTIFY.
 */
import pg from 'pg';
import { logger } from '../common/logger';

/** The hub channel the ingesting instance NOTIFYs after each batch it logged. */
export const EVENT_CHANNEL = 'campus_graph_event';

export interface FeedHubSessionOptions {
  url: string;
  /** Shown as the connection's application_name. */
  appName: string;
  /** False: no LISTEN (tests of the poll path). */
  listen: boolean;
  /** The connection failed: whatever it held (the lock) is gone. */
  onLost(): void;
  /** A NOTIFY arrived. */
  onNotify(): void;
}

export class FeedHubSession {
  private client: pg.Client | null = null;
  private broken = false;
  private backendPid: number | null = null;

  constructor(private readonly options: FeedHubSessionOptions) {}

  /** The backend pid of the connection; null while disconnected. */
  pid(): number | null {
    return this.backendPid;
  }

  /** Whether the connection is open but failed (to be dropped before the next use). */
  isBroken(): boolean {
    return this.client !== null && this.broken;
  }

  /** A statement failed: reconnect before the next round. */
  markBroken(): void {
    this.broken = true;
  }

  /** The open connection, connecting first when there is none. */
  async connection(): Promise<pg.Client> {
    return (this.client ??= await this.connect());
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: `${this.options.appName}:hub` });
    client.on('error', (error) => {
      logger.warn('Change feed lost its hub connection', { code: (error as { code?: string }).code });
      this.broken = true;
      this.options.onLost();
    });
    client.on('notification', () => this.options.onNotify());
    await client.connect();
    if (this.options.listen) await client.query(`listen ${EVENT_CHANNEL}`);
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    this.backendPid = rows[0].pid;
    this.broken = false;
    return client;
  }

  /** Ends the session (which frees the advisory lock at once for another instance). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.backendPid = null;
    await client?.end().catch(() => undefined);
  }
}
