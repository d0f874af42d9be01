/**
 * Access to the organisation: the structure is public; groups follow the viewer's reach. A group
 * (its name, programme, year, language) is part of the published tree, so anonymous callers see
 * every group — its students, curator and sheets keep their own rules.
 */
import { accessPolicy } from '../../auth/policies';
import { always, inViewersGroups } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { groupScope } from '../../sources/avn/avn.scopes';
import { Chair, Faculty, Group, Programme } from './organisation.types';

export const groupAccess = accessPolicy(Group, {
  domain: Domain.ORGANISATION,
  rows: { public: always, ...inViewersGroups<Group>((g) => g.key) },
  scope: groupScope,
});

export const organisationAccess = [
  accessPolicy(Faculty, { domain: Domain.ORGANISATION, rows: 'public' }),
  accessPolicy(Chair, { domain: Domain.ORGANISATION, rows: 'public' }),
  accessPolicy(Programme, { domain: Domain.ORGANISATION, rows: 'public' }),
  groupAccess,
];
