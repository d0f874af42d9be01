/**
 * Data the hub needs before it serves: the demo university in the embedded sources that are still
 * empty (first start), and an identity registry built (first start) or caught up once (a registry
 * from before the relinker); from then on the relinker keeps it current (identity.relinker.ts).
 */
import type pg from 'pg';
import type { Config, SourceName } from './config';
import { logger } from './common/logger';
import type { Databases } from './db/databases';
import { seedDemo } from './demo/generate';
import { emptyEmbeddedSources } from './demo/empty-sources';
import { rebuildIdentityRegistry } from './hub/identity/identity.service';
import { RELINK_CURSOR_META_KEY } from './hub/identity/identity.store';
import { calendarIsEmpty, writeCalendar } from './hub/calendar/calendar.seed';
import { demoAcademicCalendar } from './demo/academic-calendar';
import { allFacultyKeys } from './sources/avn/avn.organisation';
import { BusinessClock } from './common/business-time';

/** Seeds the embedded demo sources that are still empty, then brings the identity registry up to date. */
export async function prepareData(config: Config, databases: Databases, clock = new BusinessClock(config.businessTime)): Promise<void> {
  const fresh = await emptyEmbeddedSources(databases);
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
  const [{ people, relinking }] = await databases.handles.hub.reader.query<{ people: number; relinking: boolean }>(
    'select (select count(*)::int from person) as people, exists (select 1 from hub_meta where key = $1) as relinking',
    [RELINK_CURSOR_META_KEY],
  );
  // After that the relinker keeps the registry current from the change feed. A registry built
  // before there was a relinker is caught up once (records added since are linked), then followed.
  if (fresh.length > 0 || people === 0 || !relinking) {
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

/**
 * Writes the demo's calendar into an empty hub calendar when AVN is the embedded demo source (an
 * external AVN's calendar is its administrators'); `now` is the business instant of this start.
 */
async function seedDemoCalendar(databases: Databases, now: Date): Promise<void> {
  const avn = databases.handles.avn;
  if (avn.external || !avn.orm) return;
  const hub = databases.handles.hub.reader;
  if (!(await calendarIsEmpty(hub))) return;
  const faculties = await allFacultyKeys(avn.reader);
  if (faculties.length === 0) return;
  const calendar = demoAcademicCalendar(faculties, now);
  await writeCalendar(hub.pool, calendar);
  logger.info('Demo academic calendar written', { periods: calendar.periods.length, gradeWindows: calendar.windows.length });
}
