import { Migration } from '@mikro-orm/migrations';

/**
 * A Koha-like library schema: borrowers (with extended attributes, where Koha keeps national ids),
 * biblio, items, issues / old_issues and accountlines (fines). Borrowers are people as the library
 * typed them: some carry a PIN attribute, some only a Latin spelling of their name.
 */
export class Migration20261129000001LibraryNativeSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table branches (
  branchcode text primary key,
  branchname text not null
);
create table categories (
  categorycode text primary key,
  description text not null
);
create table borrowers (
  borrowernumber serial primary key,
  cardnumber text not null unique,
  surname text not null,
  firstname text not null,
  othernames text,
  dateofbirth date,
  sex char(1),
  email text,
  phone text,
  address text,
  city text,
  categorycode text not null references categories,
  branchcode text not null references branches,
  dateenrolled date not null,
  dateexpiry date not null,
  debarred date
);
create table borrower_attributes (
  id serial primary key,
  borrowernumber int not null references borrowers,
  code text not null,
  attribute text not null
);
create index on borrower_attributes (borrowernumber);
create index on borrower_attributes (code, attribute);
create table biblio (
  biblionumber serial primary key,
  author text,
  title text not null,
  subtitle text,
  copyrightdate smallint,
  isbn text,
  publishercode text,
  language char(2)
);
create table items (
  itemnumber serial primary key,
  biblionumber int not null references biblio,
  barcode text not null unique,
  homebranch text not null references branches,
  itemcallnumber text,
  itype text not null,
  notforloan smallint not null default 0,
  itemlost smallint not null default 0,
  withdrawn smallint not null default 0,
  onloan date,
  replacementprice numeric(10,2)
);
create index on items (biblionumber);
create table issues (
  issue_id serial primary key,
  borrowernumber int not null references borrowers,
  itemnumber int not null unique references items,
  issuedate timestamp not null,
  date_due timestamp not null,
  renewals smallint not null default 0,
  branchcode text not null references branches
);
create index on issues (borrowernumber);
create table old_issues (
  issue_id int primary key,
  borrowernumber int references borrowers,
  itemnumber int references items,
  issuedate timestamp not null,
  date_due timestamp not null,
  returndate timestamp not null,
  renewals smallint not null default 0,
  branchcode text not null references branches
);
create index on old_issues (borrowernumber);
create table accountlines (
  accountlines_id serial primary key,
  borrowernumber int not null references borrowers,
  itemnumber int references items,
  date timestamp not null,
  amount numeric(10,2) not null,
  amountoutstanding numeric(10,2) not null,
  debit_type_code text check (debit_type_code in ('OVERDUE','LOST','MANUAL','PROCESSING')),
  credit_type_code text check (credit_type_code in ('PAYMENT','WRITEOFF','FORGIVEN')),
  description text,
  status text
);
create index on accountlines (borrowernumber);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists accountlines, old_issues, issues, items, biblio, borrower_attributes,
      borrowers, categories, branches cascade;`);
  }
}
