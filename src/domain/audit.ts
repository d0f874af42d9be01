/**
 * The unified model's audit vocabulary, free of GraphQL: sources return these values and the
 * audit module registers them as GraphQL enums (with their descriptions).
 */

export enum AuditAction {
  MUTATION = 'MUTATION',
  PERSONAL_READ = 'PERSONAL_READ',
  IDENTITY_LINK = 'IDENTITY_LINK',
}

export enum AuditActorKind {
  ACCOUNT = 'ACCOUNT',
  API_KEY = 'API_KEY',
  ANONYMOUS = 'ANONYMOUS',
  HUB = 'HUB',
}
