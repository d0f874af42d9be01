/** Queries and relations of the registrar's Single Window: requests, issued documents, document flow. */
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { historyByRequest, listRequestTypes, requestTypeById, serviceRequestById } from '../../sources/registrar/registrar.requests';
import { documentFlowById, documentsByRequest, issuedDocumentById } from '../../sources/registrar/registrar.documents';
import { studentByNumber } from '../../sources/avn/avn.students';
import { Student } from '../students/student.types';
import { DocumentFlowRecordConnection, IssuedDocument, IssuedDocumentConnection } from './document.types';
import { DocumentFlowArgs, IssuedDocumentsArgs, ServiceRequestsArgs } from './registrar.inputs';
import { listDocuments, listFlow, listRequests } from './registrar.service';
import { ServiceRequest, ServiceRequestConnection, ServiceRequestStatusChange, ServiceRequestType } from './service-request.types';
import { StudentRegistrarRelations } from './registrar-study-card.resolver';

registerNode('ServiceRequestType', (key, c) => requestTypeById(c).load(key));
registerNode('ServiceRequest', (key, c) => serviceRequestById(c).load(Number(key)));
registerNode('IssuedDocument', (key, c) => issuedDocumentById(c).load(Number(key)));
registerNode('DocumentFlowRecord', (key, c) => documentFlowById(c).load(Number(key)));

@Resolver()
export class RegistrarQueries {
  @Query(() => ServiceRequestConnection, { nullable: true,
    description: 'Single Window requests, filtered by status, type, unit, student number, submission time or overdue; latest first unless ordered otherwise.',
  })
  serviceRequests(@Args() args: ServiceRequestsArgs, @Ctx() context: HubContext) {
    return listRequests(context, args);
  }

  @Query(() => IssuedDocumentConnection, { nullable: true, description: 'Documents the university issued, filtered by kind, status, holder or issue date; latest first.' })
  issuedDocuments(@Args() args: IssuedDocumentsArgs, @Ctx() context: HubContext) {
    return listDocuments(context, args);
  }

  @Query(() => DocumentFlowRecordConnection, { nullable: true, description: 'The electronic document flow between units, filtered by direction, status, unit, text or time; latest first.' })
  documentFlow(@Args() args: DocumentFlowArgs, @Ctx() context: HubContext) {
    return listFlow(context, args);
  }

  @Query(() => [ServiceRequestType], { nullable: true, description: 'Every kind of request the Single Window takes, by unit and code.' })
  serviceRequestTypes(@Ctx() context: HubContext) {
    return listRequestTypes(context);
  }
}

@Resolver(() => ServiceRequest)
export class ServiceRequestRelations {
  @FieldResolver(() => [ServiceRequestStatusChange], { description: 'The request\'s status changes, oldest first.' })
  history(@Root() request: ServiceRequest, @Ctx() context: HubContext) {
    return historyByRequest(context).load(request.key);
  }

  @FieldResolver(() => [IssuedDocument], { description: 'Documents issued on this request, by issue date.' })
  documents(@Root() request: ServiceRequest, @Ctx() context: HubContext) {
    return documentsByRequest(context).load(request.key);
  }

  @FieldResolver(() => Student, {
    nullable: true,
    description: 'The AVN student with the student-book number the applicant gave; null when none was given or AVN has no such number (a typo), or AVN is unavailable.',
  })
  student(@Root() request: ServiceRequest, @Ctx() context: HubContext) {
    return request.studentNumber ? studentByNumber(context).load(request.studentNumber) : null;
  }
}

@Resolver(() => IssuedDocument)
export class IssuedDocumentRelations {
  @FieldResolver(() => ServiceRequest, { nullable: true, description: 'The Single Window request the document was issued on; null for documents issued without one.' })
  request(@Root() document: IssuedDocument, @Ctx() context: HubContext) {
    return document.requestKey == null ? null : serviceRequestById(context).load(document.requestKey);
  }

  @FieldResolver(() => Student, {
    nullable: true,
    description: 'The AVN student with the holder\'s student-book number; null when none is recorded or AVN has no such number, or AVN is unavailable.',
  })
  student(@Root() document: IssuedDocument, @Ctx() context: HubContext) {
    return document.studentNumber ? studentByNumber(context).load(document.studentNumber) : null;
  }
}

export const registrarResolvers = [RegistrarQueries, ServiceRequestRelations, IssuedDocumentRelations, StudentRegistrarRelations] as const;
