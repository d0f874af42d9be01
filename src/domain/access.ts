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
