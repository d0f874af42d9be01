/**
 * Data the hub needs before it serves: the demo university in the embedded sources that are still
 * empty (first start), and an up-to-date identity registry.
 */
import type pg from 'pg';
import type { Config, SourceName } from './config';
import { logger } from './common/logger';
import type { Databases } from './db/databases';
import { seedDemo } from './demo/generate';
import { rebuildIdentityRegistry } from './hub/identity/identity.service';
import { seedDemoCalendar } from './hub/calendar/calendar.demo';
import { BusinessClock } from './common/business-time';

/** Seeds the embedded demo sources that are still empty, then brings the identity registry up to date. */
export async function prepareData(config: Config, databases: Databases, clock = new BusinessClock(config.businessTime)): Promise<void> {
  const fresh = databases.freshEmbeddedSources;
  if (fresh.length > 0) {
    logger.info('Seeding the demo university (first start)', { sources: fresh, scale: config.demoScale, seed: config.demoSeed });
    const t = Date.now();
    let lastLogged = 0;
    const pools = Object.fromEntries(
      Object.entries(databases.handles).filter(([name]) => name !== 'hub').map(([name, handle]) => [name, handle.reader.pool]),
    ) as Record<SourceName, pg.Pool>;
    await seedDemo(pools, {
      seed: config.demoSeed,
      scale: config.demoScale,
      targets: fresh,
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastLogged > 2000 || p.done === p.total) {
          lastLogged = now;
          logger.info('Seeding', { source: p.source, step: p.step, done: p.done, total: p.total });
        }
      },
    });
    logger.info('Demo university seeded', { ms: Date.now() - t });
  }
  const [{ people }] = await databases.handles.hub.reader.query<{ people: number }>('select count(*)::int as people from person');
  if (fresh.length > 0 || people === 0) {
    const t = Date.now();
    const sources = Object.fromEntries(
      Object.entries(databases.handles)
        .filter(([name]) => name !== 'hub')
        .map(([name, handle]) => [name, handle.orm ? handle.reader.pool : null]),
    ) as Record<SourceName, pg.Pool | null>;
    const report = await rebuildIdentityRegistry({ hub: databases.handles.hub.reader.pool, sources, pinKey: config.identityPinKey });
    logger.info('Identity registry rebuilt', { ms: Date.now() - t, report: report as unknown as Record<string, unknown> });
  }
  // The demo's academic calendar and grade-entry windows (only into an empty calendar, only over the
  // demo AVN), laid out around the business date (the demo's own unless BUSINESS_DATE says otherwise).
  await seedDemoCalendar(databases, clock.now().instant);
}
