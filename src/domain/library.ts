/**
 * The unified model's library vocabulary, free of GraphQL: sources return these values and the
 * library module registers them as GraphQL enums (with their descriptions).
 */

export enum FineKind {
  OVERDUE = 'OVERDUE',
  LOST = 'LOST',
  MANUAL = 'MANUAL',
  PROCESSING = 'PROCESSING',
}

export enum LibraryItemStatus {
  AVAILABLE = 'AVAILABLE',
  ON_LOAN = 'ON_LOAN',
  LOST = 'LOST',
  WITHDRAWN = 'WITHDRAWN',
  NOT_FOR_LOAN = 'NOT_FOR_LOAN',
}

export enum LoanStatusFilter {
  CURRENT = 'CURRENT',
  OVERDUE = 'OVERDUE',
  RETURNED = 'RETURNED',
  ALL = 'ALL',
}
