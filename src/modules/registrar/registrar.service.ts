/** Root lists of the registrar's Single Window: GraphQL arguments → the registrar source's filters, sorts and pages. */
import { type HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { listServiceRequests } from '../../sources/registrar/registrar.requests';
import { listDocumentFlow, listIssuedDocuments } from '../../sources/registrar/registrar.documents';
import { boundedListArgument, enumListArgument } from '../../graphql/list-arguments';
import { ServiceRequestStatus, type ApplicantRequestFilter, type ServiceRequestSort } from '../../domain/registrar';
import {
  REQUEST_TYPE_CODES_MAX, ServiceRequestOrderField, type DocumentFlowArgs, type IssuedDocumentsArgs, type ServiceRequestsArgs,
  type StudentServiceRequestWhere,
} from './registrar.inputs';

import { applicantNumberScope } from '../../auth/guard/key-scope';
import { viewerReach } from '../../auth/policies';

const REQUEST_SORT: Record<ServiceRequestOrderField, ServiceRequestSort> = {
  [ServiceRequestOrderField.SUBMITTED_AT]: 'submittedAt',
  [ServiceRequestOrderField.NUMBER]: 'number',
};

/** A requests filter (root or under a student) with its list-valued fields bounded; an empty list stays empty and matches nothing. */
export function requestFilterOf<W extends StudentServiceRequestWhere>(where: W): W & ApplicantRequestFilter {
  return {
    ...where,
    status: enumListArgument(where.status, ServiceRequestStatus, 'where.status'),
    typeCodeIn: boundedListArgument(where.typeCodeIn, REQUEST_TYPE_CODES_MAX, 'where.typeCodeIn'),
  };
}

export async function listRequests(context: HubContext, args: ServiceRequestsArgs) {
  const filter = requestFilterOf(args.where ?? {});
  // Access: requests of the students the viewer may see (by student number or PIN), in SQL.
  const scope = await applicantNumberScope(context);
  const field = args.orderBy?.field ?? ServiceRequestOrderField.SUBMITTED_AT;
  const direction = args.orderBy ? args.orderBy.direction : OrderDirection.DESC;
  const page = readPage(args, `serviceRequests:${field}:${direction}`);
  return listServiceRequests(context, { filter, sort: REQUEST_SORT[field], desc: direction === OrderDirection.DESC, page, scope });
}

export async function listDocuments(context: HubContext, args: IssuedDocumentsArgs) {
  // Access: documents of the students the viewer may see, in SQL.
  const scope = await applicantNumberScope(context);
  return listIssuedDocuments(context, { filter: args.where ?? {}, page: readPage(args, 'issuedDocuments:issuedOn:desc'), scope });
}

export function listFlow(context: HubContext, args: DocumentFlowArgs) {
  // Access: the units' document flow is for whole-university roles only (the source limits by reach).
  return listDocumentFlow(context, { filter: args.where ?? {}, page: readPage(args, 'documentFlow:sentAt:desc'), reach: viewerReach(context) });
}
