/**
 * The unified model's access vocabulary, free of GraphQL: sources return these values and the
 * access module registers them as GraphQL enums (with their descriptions).
 */

export enum PersonalField {
  PIN = 'pin',
  PASSPORT = 'passport',
  PHONE = 'phone',
  ADDRESS = 'address',
  BIRTH_DATE = 'birthDate',
  PHOTO = 'photo',
  EMAIL = 'email',
}

/** A kind of personal data (Kyrgyz law No. 58): the values of PersonalField, as scopes and field marks name them. */
export type PersonalDataKind = `${PersonalField}`;
