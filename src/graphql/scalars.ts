/** Scalars used across the schema (from graphql-scalars). */
export { LocalDateResolver as LocalDate, DateTimeResolver as DateTime } from 'graphql-scalars';
