/**
 * The unified model's finance vocabulary, free of GraphQL: sources return these values and the
 * finance module registers them as GraphQL enums (with their descriptions).
 */

export enum PaymentKind {
  PAYMENT = 'PAYMENT',
  CORRECTION = 'CORRECTION',
  REFUND = 'REFUND',
}
