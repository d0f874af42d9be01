import { Migration } from '@mikro-orm/migrations';

/**
 * The registrar's "Single Window": service requests with their status history, issued documents
 * (certificates, transcripts, diplomas and supplements) and the electronic document flow.
 * Applicants are recorded by PIN and/or student number, as typed at the window.
 */
export class Migration20261129000001RegistrarNativeSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table request_types (
  code text primary key,
  name_ky text not null,
  name_ru text not null,
  unit text not null check (unit in ('library','dormitory','registrar','education_documents')),
  sla_days smallint not null
);
create table service_requests (
  request_id serial primary key,
  request_no text not null unique,
  type_code text not null references request_types,
  applicant_pin char(14),
  applicant_student_no text,
  applicant_name text not null,
  submitted_at timestamptz not null,
  channel text not null check (channel in ('window','online')),
  status text not null check (status in ('submitted','in_progress','ready','issued','rejected')),
  purpose text,
  copies smallint not null default 1
);
create index on service_requests (applicant_student_no);
create index on service_requests (applicant_pin);
create index on service_requests (status);
create table request_status_history (
  id serial primary key,
  request_id int not null references service_requests,
  status text not null,
  changed_at timestamptz not null,
  changed_by text not null,
  comment text
);
create index on request_status_history (request_id);
create table issued_documents (
  doc_id serial primary key,
  doc_no text not null unique,
  doc_type text not null check (doc_type in ('certificate','transcript','diploma','diploma_supplement','academic_reference')),
  request_id int references service_requests,
  holder_pin char(14),
  holder_student_no text,
  holder_name text not null,
  issued_on date not null,
  series text,
  registration_no text,
  status text not null check (status in ('issued','cancelled'))
);
create index on issued_documents (holder_student_no);
create table document_flow (
  flow_id serial primary key,
  doc_ref text not null,
  title text not null,
  from_unit text not null,
  to_unit text not null,
  direction text not null check (direction in ('incoming','outgoing','internal')),
  sent_at timestamptz not null,
  received_at timestamptz,
  status text not null check (status in ('sent','received','executed','returned'))
);
`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists document_flow, issued_documents, request_status_history, service_requests, request_types cascade;');
  }
}
