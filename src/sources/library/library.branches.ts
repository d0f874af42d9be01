/** Branch columns shared by every library mapping that shows a branch (joined, never loaded alone). */
import type { LibraryBranch } from '../../modules/library/reader.types';

export function toBranch(code: string, name: string | null): LibraryBranch {
  // A branch row is always there (foreign key); the name falls back to the code just in case.
  return { code, name: name ?? code };
}
