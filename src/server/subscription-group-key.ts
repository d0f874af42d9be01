/**
 * Which subscriptions may share one execution, and under which key: a groupable change-feed field
 * without a replay, keyed by the viewer's access (not its token), the operation name, the
 * variables in canonical order and the document's text.
 */
import { getOperationAST, Kind, print, type DocumentNode, type ExecutionArgs, type FieldNode } from 'graphql';
import type { Viewer } from '../auth/viewer';

/** Subscription fields whose events are the same for every identical subscriber from the moment it joins. */
export const GROUPABLE_FIELDS: ReadonlySet<string> = new Set([
  'attendanceMarked', 'studentOrderChanged', 'studentStatusChanged', 'serviceRequestStatusChanged', 'clearanceRequired',
]);

/** The part of the viewer that decides what it may see (two tokens of one account give the same key). */
const viewerKeys = new WeakMap<Viewer, string>();
export function viewerKey(viewer: Viewer): string {
  let key = viewerKeys.get(viewer);
  if (key === undefined) {
    const s = viewer.scope;
    key = JSON.stringify([
      viewer.kind, viewer.id, viewer.role, viewer.purpose, [...s.read].sort(), [...s.personal].sort(), s.pseudonymous,
      s.facultyKey, s.chairKey, s.employeeKey, s.studentKey, s.personKey,
    ]);
    viewerKeys.set(viewer, key);
  }
  return key;
}

/** A document's text (the same parsed document is shared by the subscriptions that sent the same text). */
const printedDocuments = new WeakMap<DocumentNode, string>();
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) printedDocuments.set(document, (text = print(document)));
  return text;
}

/** Variables as a canonical string (key order does not matter). */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The root field of a groupable subscription without a replay, or null (run it alone). */
export function groupableField(args: ExecutionArgs): FieldNode | null {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation || operation.operation !== 'subscription') return null;
  const selections = operation.selectionSet.selections;
  if (selections.length !== 1 || selections[0].kind !== Kind.FIELD) return null;
  const field = selections[0];
  if (!GROUPABLE_FIELDS.has(field.name.value) || field.directives?.length) return null;
  const after = field.arguments?.find((a) => a.name.value === 'after');
  if (after) {
    const value = after.value;
    if (value.kind === Kind.VARIABLE) {
      if (args.variableValues?.[value.name.value] != null) return null;
    } else if (value.kind !== Kind.NULL) {
      return null;
    }
  }
  return field;
}

/** The key of a subscription's group under a viewer key (see viewerKey). */
export function groupKey(viewer: string, args: ExecutionArgs): string {
  return `${viewer}\n${args.operationName ?? ''}\n${canonical(args.variableValues ?? {})}\n${printed(args.document)}`;
}
