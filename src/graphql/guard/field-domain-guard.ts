/** The guard of a scalar field that carries another domain's data than its type's (a Student's GPA): null without that domain. */
import { defaultFieldResolver, type GraphQLField } from 'graphql';
import { canRead } from '../../auth/guard/visibility';
import type { Domain } from '../../auth/viewer';
import type { HubContext } from '../context';
import type { Resolver } from './relation-guard';

export function guardFieldDomain(field: GraphQLField<any, HubContext>, domain: Domain): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  return function domainField(source, args, context, info) {
    return canRead(context.viewer, domain) ? resolve(source, args, context, info) : null;
  };
}
