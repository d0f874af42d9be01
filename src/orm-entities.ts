/**
 * The MikroORM entities of each database, mapped onto its native tables (the write paths' ORM):
 * the composition root hands them to openDatabases, so src/db knows no source and no hub table.
 */
import type { DatabaseName } from './config';
import { CALENDAR_ENTITIES } from './hub/calendar/calendar.entities';
import { AVN_ENTITIES } from './sources/avn/avn.entities';

export const ENTITIES: Record<DatabaseName, Function[]> = {
  hub: [...CALENDAR_ENTITIES],
  avn: [...AVN_ENTITIES],
  qrvisit: [],
  library: [],
  dormitory: [],
  registrar: [],
};
