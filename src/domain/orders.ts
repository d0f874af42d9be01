/**
 * The unified model's orders vocabulary, free of GraphQL: sources return these values and the
 * orders module registers them as GraphQL enums (with their descriptions); the records, filters and
 * sorts that the sources take and return for orders.
 */

export enum OrderType {
  ADMISSION = 'ADMISSION',
  TRANSFER = 'TRANSFER',
  ACADEMIC_LEAVE = 'ACADEMIC_LEAVE',
  REINSTATEMENT = 'REINSTATEMENT',
  EXPULSION = 'EXPULSION',
  GRADUATION = 'GRADUATION',
}

export enum OrderStatus {
  DRAFT = 'DRAFT',
  SIGNED = 'SIGNED',
  CANCELLED = 'CANCELLED',
}

/** A student order as the sources give it (the GraphQL Order, with the keys of its relations). */
export interface OrderRecord {
  __typename: 'Order';
  id: string;
  /** The order's key in its source. */
  key: number;
  /** The faculty the order was issued for; null for university-wide orders. */
  facultyKey: number | null;
  /** The employee who signed it; null while a draft. */
  signedByKey: number | null;
  number: string;
  date: string;
  type: OrderType;
  typeName: string;
  status: OrderStatus;
  grounds: string | null;
  createdAt: Date;
}

/** One student named in an order (the GraphQL OrderStudent). */
export interface OrderStudentRecord {
  __typename: 'OrderStudent';
  /** The line's key (unique per line; the tie-breaker of an order's students). */
  key: number;
  orderKey: number;
  studentKey: number;
  fromGroupKey: number | null;
  toGroupKey: number | null;
  reason: string | null;
}

/** Conditions on orders, in the hub's terms (keys already decoded from global IDs). */
export interface OrderFilter {
  type?: OrderType | null;
  status?: OrderStatus | null;
  facultyKey?: number | null;
  /** Inclusive, 'YYYY-MM-DD'. */
  dateFrom?: string | null;
  dateTo?: string | null;
  /** The number exactly as printed ("123-к"). */
  number?: string | null;
  /** Only orders naming this student. */
  studentKey?: number | null;
}

/** What order lists can be sorted by; ties are broken by the order, in the same direction. */
export type OrderSort = 'date' | 'number';
