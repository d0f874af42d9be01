/**
 * Marks a field as personal data (Kyrgyz law No. 58 "On personal information"): PIN, passport,
 * phone, address, birth date, photo. The mark lives in the schema's extensions, so the access
 * rules can find every such field without a middleware on every field. Both marks here go on
 * input fields and `@ArgsType` fields too (a filter by PIN, a lookup by student number): the guard
 * then refuses the filter to a viewer who may not read the field (src/modules/argument-rules.ts).
 */
import { Extensions } from 'type-graphql';
import type { PersonalDataKind } from '../domain/access';

export function PersonalData(kind: PersonalDataKind): MethodDecorator & PropertyDecorator {
  return Extensions({ personalData: kind });
}

/**
 * Marks a field that names or identifies a person (a name, a student-book or personnel number…).
 * For pseudonymous viewers (analysts) the guard (src/auth/guard) answers these with a stable
 * pseudonym instead of the value, so rows stay countable and joinable but nobody is named.
 */
export function Identifying(): MethodDecorator & PropertyDecorator {
  return Extensions({ identifying: true });
}
