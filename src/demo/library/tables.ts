/** The library's (Koha-like) tables in foreign-key order; columns mirror migrations/library. */
import { defineTable } from '../table';

export function libraryTables() {
  return {
    branches: defineTable('branches', { branchcode: 'text', branchname: 'text' }),
    categories: defineTable('categories', { categorycode: 'text', description: 'text' }),
    borrowers: defineTable(
      'borrowers',
      {
        borrowernumber: 'int', cardnumber: 'text', surname: 'text', firstname: 'text', othernames: 'text', dateofbirth: 'date', sex: 'text', email: 'text',
        phone: 'text', address: 'text', city: 'text', categorycode: 'text', branchcode: 'text', dateenrolled: 'date', dateexpiry: 'date', debarred: 'date',
      },
      'borrowernumber',
    ),
    borrower_attributes: defineTable('borrower_attributes', { id: 'int', borrowernumber: 'int', code: 'text', attribute: 'text' }, 'id'),
    biblio: defineTable(
      'biblio',
      { biblionumber: 'int', author: 'text', title: 'text', subtitle: 'text', copyrightdate: 'smallint', isbn: 'text', publishercode: 'text', language: 'text' },
      'biblionumber',
    ),
    items: defineTable(
      'items',
      {
        itemnumber: 'int', biblionumber: 'int', barcode: 'text', homebranch: 'text', itemcallnumber: 'text', itype: 'text', notforloan: 'smallint', itemlost: 'smallint',
        withdrawn: 'smallint', onloan: 'date', replacementprice: 'numeric',
      },
      'itemnumber',
    ),
    issues: defineTable(
      'issues',
      { issue_id: 'int', borrowernumber: 'int', itemnumber: 'int', issuedate: 'timestamp', date_due: 'timestamp', renewals: 'smallint', branchcode: 'text' },
      'issue_id',
    ),
    old_issues: defineTable('old_issues', {
      issue_id: 'int', borrowernumber: 'int', itemnumber: 'int', issuedate: 'timestamp', date_due: 'timestamp', returndate: 'timestamp', renewals: 'smallint', branchcode: 'text',
    }),
    accountlines: defineTable(
      'accountlines',
      {
        accountlines_id: 'int', borrowernumber: 'int', itemnumber: 'int', date: 'timestamp', amount: 'numeric', amountoutstanding: 'numeric', debit_type_code: 'text',
        credit_type_code: 'text', description: 'text', status: 'text',
      },
      'accountlines_id',
    ),
  };
}

export type LibraryTables = ReturnType<typeof libraryTables>;
