/**
 * Four years of circulation, simulated copy by copy so that a copy is never lent twice at once:
 * textbooks go out for a semester (due at the end of the session), other books for two weeks
 * (a month for staff). Most come back in time, some late (an overdue fine, mostly paid), a few
 * are lost (charged at the replacement price), and readers who left the university (expelled,
 * graduated) sometimes never bring theirs back: those are today's long-overdue loans.
 * Library timestamps are naive Bishkek wall-clock time, as Koha stores them.
 */
import { CURRENT_YEAR, TODAY, day, timestamp, type Day } from '../calendar';
import type { Rng } from '../random';
import type { AvnWorld } from '../avn';
import type { Borrower } from './borrowers';
import type { Item } from './catalog';
import type { LibraryTables } from './tables';

const HISTORY_START = day(CURRENT_YEAR - 4, 9, 1);
const FINE_PER_DAY = 5;
const FINE_CAP = 300;
const INDEFINITE = day(9999, 12, 31);

interface Loan {
  item: Item;
  borrower: Borrower;
  issued: Day;
  due: Day;
  returned: Day | null;
  renewals: number;
  lost: boolean;
}

export interface Circulation {
  lost: Set<number>;
  /** Item → due date of its current loan. */
  onLoanDue: Map<number, Day>;
  /** Borrowers who are expelled students and still hold a book. */
  expelledWithLoans: number[];
  overdueIssues: number;
}

export function buildCirculation(rng: Rng, items: Item[], borrowers: Borrower[], world: AvnWorld, t: LibraryTables): Circulation {
  const picker = new BorrowerPicker(rng.fork('pick'), borrowers);
  const loans: Loan[] = [];
  const sim = rng.fork('simulate');

  // planted: expelled students who kept a book (at least one, whatever the simulation gives)
  const expelled = borrowers.filter((b) => b.studentId !== null && world.students[b.studentId - 1].status === 3 && b.activeUntil - 50 > b.enrolled);
  const planted = new Map<number, Loan>();
  const circulating = items.filter((i) => !i.notForLoan && !i.withdrawn);
  for (const b of rng.sample(expelled, Math.max(1, Math.round(expelled.length * 0.1)))) {
    let item = circulating[rng.int(0, circulating.length - 1)];
    for (let attempt = 0; attempt < 10 && planted.has(item.id); attempt++) item = circulating[rng.int(0, circulating.length - 1)];
    if (planted.has(item.id)) continue;
    const issued = b.activeUntil - rng.int(20, 45);
    planted.set(item.id, { item, borrower: b, issued, due: issued + 14, returned: null, renewals: 0, lost: false });
  }

  for (const item of circulating) {
    const forced = planted.get(item.id);
    simulateItem(sim, item, picker, forced ? forced.issued - 1 : TODAY, loans);
    if (forced) loans.push(forced);
  }

  loans.sort((a, b) => a.issued - b.issued || a.item.id - b.item.id);
  const lost = new Set<number>();
  const onLoanDue = new Map<number, Day>();
  const expelledWithLoans = new Set<number>();
  const fineRng = rng.fork('fines');
  let accountId = 0;
  let overdueIssues = 0;
  const account = (b: Borrower, item: Item | null, date: Day, amount: number, outstanding: number, debit: string | null, credit: string | null, description: string, status: string | null) =>
    t.accountlines.push({
      accountlines_id: ++accountId, borrowernumber: b.id, itemnumber: item?.id ?? null, date: timestamp(date, 10 * 60 + fineRng.int(0, 420), false),
      amount, amountoutstanding: outstanding, debit_type_code: debit, credit_type_code: credit, description, status,
    });
  const settle = (b: Borrower, item: Item, date: Day, amount: number, payShare: number, label: string, debit: string, status: string | null) => {
    const x = fineRng.next();
    const settled = date + fineRng.int(0, 30);
    if (settled > TODAY) account(b, item, date, amount, amount, debit, null, label, status); // not settled yet
    else if (x < payShare) {
      account(b, item, date, amount, 0, debit, null, label, status);
      account(b, item, settled, -amount, 0, null, 'PAYMENT', 'Төлөм (оплата)', null);
    } else if (x < payShare + 0.06) {
      account(b, item, date, amount, 0, debit, null, label, status);
      account(b, item, settled, -amount, 0, null, debit === 'LOST' ? 'WRITEOFF' : 'FORGIVEN', 'Кечирилди (списано)', null);
    } else account(b, item, date, amount, amount, debit, null, label, status);
  };
  const barcode = (item: Item) => `1${String(item.id).padStart(7, '0')}`;

  loans.forEach((loan, i) => {
    const issueId = i + 1;
    const { item, borrower: b } = loan;
    const issuedate = timestamp(loan.issued, 9 * 60 + fineRng.int(0, 510), false);
    const dateDue = timestamp(loan.due, 23 * 60 + 59, false);
    if (loan.returned === null) {
      t.issues.push({ issue_id: issueId, borrowernumber: b.id, itemnumber: item.id, issuedate, date_due: dateDue, renewals: loan.renewals, branchcode: item.branch });
      onLoanDue.set(item.id, loan.due);
      if (b.studentId !== null && world.students[b.studentId - 1].status === 3) expelledWithLoans.add(b.id);
      if (loan.due < TODAY) {
        overdueIssues++;
        const days = TODAY - loan.due;
        account(b, item, loan.due + 1, Math.min(FINE_CAP, days * FINE_PER_DAY), Math.min(FINE_CAP, days * FINE_PER_DAY), 'OVERDUE', null, `Мөөнөтү өткөн китеп (просрочка), ${barcode(item)}`, 'UNRETURNED');
        if (days > 90) b.debarred = INDEFINITE;
        else if (days > 30 && b.debarred === null) b.debarred = TODAY + fineRng.int(14, 60);
      }
      return;
    }
    t.old_issues.push({
      issue_id: issueId, borrowernumber: b.id, itemnumber: item.id, issuedate, date_due: dateDue,
      returndate: timestamp(loan.returned, 9 * 60 + fineRng.int(0, 540), false), renewals: loan.renewals, branchcode: item.branch,
    });
    if (loan.lost) {
      lost.add(item.id);
      settle(b, item, loan.returned, item.price, 0.45, `Жоголгон китеп (утерянная книга), ${barcode(item)}`, 'LOST', null);
      if (fineRng.chance(0.5)) settle(b, item, loan.returned, 50, 0.8, 'Иштетүү акысы (обработка)', 'PROCESSING', null);
    } else if (loan.returned > loan.due && fineRng.chance(0.9)) {
      const amount = Math.min(FINE_CAP, (loan.returned - loan.due) * FINE_PER_DAY);
      settle(b, item, loan.returned, amount, 0.65, `Мөөнөтү өткөн китеп (просрочка), ${barcode(item)}`, 'OVERDUE', 'RETURNED');
    }
  });
  return { lost, onLoanDue, expelledWithLoans: [...expelledWithLoans].sort((a, b) => a - b), overdueIssues };
}

/** Random reader active on a date, by rejection: enrolled by then, not gone, keen enough. */
class BorrowerPicker {
  private readonly enrolled: number[];

  constructor(
    private readonly rng: Rng,
    private readonly borrowers: Borrower[],
  ) {
    this.enrolled = borrowers.map((b) => b.enrolled);
  }

  pick(date: Day, studentsOnly: boolean): Borrower | null {
    let lo = 0;
    let hi = this.enrolled.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.enrolled[mid] <= date) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    for (let attempt = 0; attempt < 40; attempt++) {
      const b = this.borrowers[this.rng.int(0, lo - 1)];
      if (b.activeUntil < date || b.expiry < date) continue;
      if (studentsOnly && b.category !== 'ST' && b.category !== 'MS') continue;
      if (this.rng.next() < b.activity) return b;
    }
    return null;
  }
}

function semesters(): Array<{ issueFrom: Day; issueTo: Day; due: Day }> {
  const out: Array<{ issueFrom: Day; issueTo: Day; due: Day }> = [];
  for (let y = CURRENT_YEAR - 4; y <= CURRENT_YEAR; y++) {
    out.push({ issueFrom: day(y, 9, 1), issueTo: day(y, 9, 25), due: day(y + 1, 1, 25) });
    if (y < CURRENT_YEAR) out.push({ issueFrom: day(y + 1, 2, 1), issueTo: day(y + 1, 2, 20), due: day(y + 1, 6, 30) });
  }
  return out;
}
const SEMESTERS = semesters();

/** One copy's loans from the start of the history up to `until` (TODAY: the last may still be out). */
function simulateItem(rng: Rng, item: Item, picker: BorrowerPicker, until: Day, loans: Loan[]): 'lost' | 'available' | 'out' {
  const current = until === TODAY;
  const close = (loan: Loan, wanted: Day): boolean => {
    // a reader who left during the loan keeps the book half of the time
    let back: Day | null = wanted;
    if (loan.borrower.activeUntil < wanted) back = rng.chance(0.5) ? null : Math.max(loan.issued + 1, loan.borrower.activeUntil - rng.int(0, 20));
    if (back !== null && back > TODAY) back = null;
    if (!current && (back === null || back >= until)) back = Math.min(until - 1, Math.max(loan.issued + 1, loan.due - 1));
    if (back !== null && back <= loan.issued) back = loan.issued + 1;
    loan.returned = back;
    loans.push(loan);
    return back !== null;
  };
  if (item.textbook) {
    let free = HISTORY_START;
    for (const sem of SEMESTERS) {
      if (sem.issueFrom >= until) break;
      if (!rng.chance(0.25 + 0.6 * item.popularity)) continue;
      const issued = Math.max(free, rng.int(sem.issueFrom, sem.issueTo));
      if (issued >= until || issued > sem.issueTo + 10) continue;
      const borrower = picker.pick(issued, true);
      if (!borrower) continue;
      const x = rng.next();
      const wanted = x < 0.7 ? sem.due - rng.int(0, 30) : x < 0.82 ? issued + rng.int(30, 90) : x < 0.97 ? sem.due + rng.int(1, 60) : sem.due + rng.int(60, 200);
      const loan: Loan = { item, borrower, issued, due: sem.due, returned: null, renewals: 0, lost: false };
      if (!close(loan, Math.max(issued + 1, wanted))) return 'out';
      free = loan.returned! + 1;
      if (!current && free >= until) return 'available';
    }
    return 'available';
  }
  let at = HISTORY_START + Math.floor(rng.exponential(60));
  for (;;) {
    at += Math.floor(rng.exponential(40 + 260 * (1 - item.popularity)));
    if (at >= until) return 'available';
    const borrower = picker.pick(at, false);
    if (!borrower) {
      at += 7;
      continue;
    }
    const renewals = rng.chance(0.15) ? rng.int(1, 2) : 0;
    const due = at + (borrower.category === 'PT' || borrower.category === 'EMP' ? 30 : 14) + renewals * 14;
    const x = rng.next();
    const wanted = x < 0.75 ? at + rng.int(3, due - at) : x < 0.95 ? due + rng.int(1, 45) : due + rng.int(45, 200);
    const loan: Loan = { item, borrower, issued: at, due, returned: null, renewals, lost: false };
    const lostNow = rng.chance(0.012) && current; // a copy kept for a planted loan is never lost before it
    if (!close(loan, wanted)) return 'out';
    if (lostNow && loan.returned! <= TODAY - 1) {
      loan.lost = true; // marked lost (and returned, as Koha does) on that day
      return 'lost';
    }
    at = loan.returned! + 1; // lent again the next day at the earliest
    if (!current && at >= until - 1) return 'available';
  }
}
