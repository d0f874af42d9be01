/**
 * WebSocket operation texts already parsed and validated, so thousands of dashboards sending the
 * same few documents parse each once. Bounded by count AND by bytes: a caller sending distinct
 * large documents must not make the hub keep them (each batch of large texts would otherwise stay
 * in memory until 500 others replaced it). A text larger than a few kilobytes is never kept —
 * dashboards' documents are small — and the oldest entries go first.
 */
import type { DocumentNode, GraphQLError } from 'graphql';

export interface CheckedDocument {
  document: DocumentNode;
  errors: readonly GraphQLError[];
}

/** Distinct texts kept at most. */
const MAX_ENTRIES = 500;
/** Characters of all kept texts together (a parsed document takes some ten times its text). */
const MAX_TOTAL_CHARS = 500_000;
/** Texts longer than this are checked every time, never kept. */
const MAX_KEPT_CHARS = 16_000;

export class CheckedDocuments {
  private readonly entries = new Map<string, CheckedDocument>();
  private chars = 0;

  get(text: string): CheckedDocument | undefined {
    return this.entries.get(text);
  }

  set(text: string, checked: CheckedDocument): void {
    if (text.length > MAX_KEPT_CHARS || this.entries.has(text)) return;
    while (this.entries.size >= MAX_ENTRIES || (this.entries.size > 0 && this.chars + text.length > MAX_TOTAL_CHARS)) {
      const oldest = this.entries.keys().next().value!;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
    this.entries.set(text, checked);
    this.chars += text.length;
  }

  /** Entries and characters kept now (tests). */
  get size(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.chars };
  }
}
