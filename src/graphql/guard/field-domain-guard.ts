/**
 * The guard of a scalar field that carries another domain's data than its type's (a Student's
 * GPA): without that domain, null and FORBIDDEN_FIELD on that path (`extensions.field`,
 * `extensions.domain`), the rest of the answer stands; plain null for anonymous callers and in
 * subscription frames (relation-guard.ts, refusesOutLoud).
 */
import { defaultFieldResolver, type GraphQLField } from 'graphql';
import { canRead } from '../../auth/guard/visibility';
import type { Domain } from '../../auth/viewer';
import type { HubContext } from '../context';
import { fieldOutsideDomain, refusesOutLoud, type Resolver } from './relation-guard';

export function guardFieldDomain(coordinate: string, field: GraphQLField<any, HubContext>, domain: Domain): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  return function domainField(source, args, context, info) {
    if (canRead(context.viewer, domain)) return resolve(source, args, context, info);
    if (refusesOutLoud(context, info)) throw fieldOutsideDomain(coordinate, domain);
    return null;
  };
}
