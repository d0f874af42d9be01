/** Root lists of the registrar's Single Window: GraphQL arguments → the registrar source's filters, sorts and pages. */
import { type HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import type { ServiceRequestSort } from '../../domain/registrar';
import { listServiceRequests } from '../../sources/registrar/registrar.requests';
import { listDocumentFlow, listIssuedDocuments } from '../../sources/registrar/registrar.documents';
import { boundedListArgument } from '../../graphql/list-arguments';
import { REQUEST_TYPE_CODES_MAX, ServiceRequestOrderField, type DocumentFlowArgs, type IssuedDocumentsArgs, type ServiceRequestsArgs } from './registrar.inputs';

import { applicantNumberScope } from '../../auth/guard/key-scope';
import { viewerReach } from '../../auth/policies';

const REQUEST_SORT: Record<ServiceRequestOrderField, ServiceRequestSort> = {
  [ServiceRequestOrderField.SUBMITTED_AT]: 'submittedAt',
  [ServiceRequestOrderField.NUMBER]: 'number',
};

export async function listRequests(context: HubContext, args: ServiceRequestsArgs) {
  const where = args.where ?? {};
  const filter = { ...where, typeCodeIn: boundedListArgument(where.typeCodeIn, REQUEST_TYPE_CODES_MAX, 'where.typeCodeIn') };
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
