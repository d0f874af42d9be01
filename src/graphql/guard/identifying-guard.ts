/** The guard of an `@Identifying` field: a pseudonymous viewer (analyst) gets a stable pseudonym instead of the value. */
import { defaultFieldResolver, type GraphQLField } from 'graphql';
import { pseudonym } from '../../auth/guard/pseudonym';
import type { HubContext } from '../context';
import type { Resolver } from './relation-guard';
import { andThen } from './targets';

/** `byRecord`: the parent type is a person's record (its policy says so), whose names all give the record's one pseudonym. */
export function guardIdentifying(parentType: string, field: GraphQLField<any, HubContext>, byRecord: boolean): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  return function identifying(source, args, context, info) {
    if (!context.viewer.scope.pseudonymous) return resolve(source, args, context, info);
    const secret = context.runtime.config.identityPinKey;
    return andThen(resolve(source, args, context, info), (value) => {
      if (value == null) return value;
      // A person record's names all give the record's one pseudonym. A name or number quoted on
      // another object (a request's applicant, a scan's student number) is keyed by its value, so
      // the same person quoted twice still reads as the same pseudonym.
      return byRecord && source?.key != null ? pseudonym(secret, parentType, source.key) : pseudonym(secret, parentType, `value:${String(value)}`);
    });
  };
}
