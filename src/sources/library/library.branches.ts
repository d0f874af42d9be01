/** Branch columns shared by every library mapping that shows a branch (joined, never loaded alone). */
import type { LibraryBranchRecord } from '../../domain/library';

export function toBranch(code: string, name: string | null): LibraryBranchRecord {
  // A branch row is always there (foreign key); the name falls back to the code just in case.
  return { code, name: name ?? code };
}
