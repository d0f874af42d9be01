/** The MikroORM entities of each database, mapped onto its native tables. */
import type { DatabaseName } from '../config';

export const ENTITIES: Record<DatabaseName, Function[]> = {
  hub: [],
  avn: [],
  qrvisit: [],
  library: [],
  dormitory: [],
  registrar: [],
};
