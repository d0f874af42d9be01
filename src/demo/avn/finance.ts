/**
 * Tuition (AVN 5/10): a tariff per programme and academic year, a contract per contract student
 * ('K') per year of study, and the payments. Most students pay in two halves (September,
 * February); some pay at once, some overpay, some owe (this year's debtors were chosen in
 * students.ts), and accounting's corrections and refunds appear as signed amounts.
 * Convention: oplata.summa is signed (refunds and negative corrections are negative), so a
 * contract's balance is kontrakt.summa − kontrakt.skidka − Σ oplata.summa.
 */
import { CURRENT_YEAR, TODAY, academicYear, day, iso, parts, type Day } from '../calendar';
import type { Rng } from '../random';
import type { Student } from './model';
import type { Structure } from './structure';
import type { AvnTables } from './tables';

export const FIRST_TARIFF_YEAR = CURRENT_YEAR - 5;

export function buildFinance(rng: Rng, structure: Structure, students: Student[], t: AvnTables): void {
  const tarifId = new Map<string, { id: number; summa: number }>();
  let nextTarif = 0;
  for (const spec of structure.specs) {
    const r = rng.fork('tarif', spec.id);
    const level = spec.uroven === 'magistr' ? 1.2 : spec.uroven === 'specialist' ? 1.1 : 1;
    const base = (34000 + 26000 * Math.min(1.6, spec.demand / 1.6) + r.int(0, 8000)) * level;
    for (let y = FIRST_TARIFF_YEAR; y <= CURRENT_YEAR; y++) {
      const summa = Math.round((base * Math.pow(1.06, y - FIRST_TARIFF_YEAR)) / 500) * 500;
      const id = ++nextTarif;
      tarifId.set(`${spec.id}|${y}`, { id, summa });
      t.tarif.push({ tarif_id: id, spec_id: spec.id, uch_god: academicYear(y), summa });
    }
  }

  const r = rng.fork('contracts');
  const seqByYear = new Map<number, number>();
  let kontrId = 0;
  let oplId = 0;
  const payment = (kontr: number, date: Day, summa: number, vid: 'oplata' | 'korrektirovka' | 'vozvrat', dokument: string) => {
    if (date > TODAY) return;
    t.oplata.push({ opl_id: ++oplId, kontr_id: kontr, data: iso(date), summa, vid, dokument });
  };
  const receipt = () => r.weighted([`п/п №${r.digits(6)}`, `квитанция №${r.digits(7)}`, `MBank ${r.digits(10)}`, `Optima ${r.digits(9)}`], [55, 25, 12, 8]);

  for (const s of students) {
    if (s.forma !== 'K') continue;
    for (let y = Math.max(FIRST_TARIFF_YEAR, parts(s.admitted).year); y <= CURRENT_YEAR; y++) {
      const from = day(y, 8, 20);
      const to = day(y + 1, 6, 30);
      const seg = s.segments.find((g) => g.from <= to && (g.to === null || g.to > from + 15));
      if (!seg) continue;
      const group = structure.groups[seg.grpId - 1];
      const tarif = tarifId.get(`${group.specId}|${y}`)!;
      const seq = (seqByYear.get(y) ?? 0) + 1;
      seqByYear.set(y, seq);
      const id = ++kontrId;
      const skidka = r.chance(0.08) ? Math.round((tarif.summa * r.pick([0.1, 0.25, 0.5])) / 100) * 100 : 0;
      const signed = Math.max(seg.from, from) + r.int(0, 10);
      t.kontrakt.push({ kontr_id: id, stud_id: s.id, nomer: `${y}/${String(seq).padStart(5, '0')}`, data: iso(signed), uch_god: academicYear(y), tarif_id: tarif.id, summa: tarif.summa, skidka });
      const due = tarif.summa - skidka;
      const leftEarly = seg.to !== null && seg.to < to;
      const firstHalf = Math.round(due / 2 / 100) * 100;

      if (y === CURRENT_YEAR) {
        if (s.debtor) {
          if (r.chance(0.5)) payment(id, signed + r.int(5, 40), Math.round((due * r.real(0.1, 0.4)) / 100) * 100, 'oplata', receipt());
        } else if (r.chance(0.25)) payment(id, signed + r.int(0, 25), due, 'oplata', receipt());
        else {
          payment(id, signed + r.int(0, 35), firstHalf, 'oplata', receipt());
          if (r.chance(0.05)) payment(id, signed + r.int(40, 80), r.int(5, 20) * 1000, 'oplata', receipt());
        }
        continue;
      }
      const mode = r.weighted(['once', 'halves', 'thirds'] as const, [30, 60, 10]);
      const outcome = leftEarly ? r.weighted(['debt', 'exact', 'refund'] as const, [50, 35, 15]) : r.weighted(['exact', 'over', 'debt', 'correction'] as const, [88, 3, 6, 3]);
      if (mode === 'once' || outcome === 'refund') {
        payment(id, signed + r.int(0, 30), due, 'oplata', receipt());
      } else if (mode === 'halves') {
        payment(id, signed + r.int(0, 40), firstHalf, 'oplata', receipt());
        if (outcome !== 'debt') payment(id, day(y + 1, 1, 20) + r.int(0, 38), due - firstHalf, 'oplata', receipt());
        else if (r.chance(0.5)) payment(id, day(y + 1, 2, 1) + r.int(0, 60), Math.round(((due - firstHalf) * r.real(0.2, 0.7)) / 100) * 100, 'oplata', receipt());
      } else {
        const third = Math.round(due / 3 / 100) * 100;
        payment(id, signed + r.int(0, 30), third, 'oplata', receipt());
        payment(id, day(y, 12, 1) + r.int(0, 20), third, 'oplata', receipt());
        if (outcome !== 'debt') payment(id, day(y + 1, 3, 1) + r.int(0, 25), due - 2 * third, 'oplata', receipt());
      }
      if (outcome === 'over') payment(id, day(y + 1, 3, 1) + r.int(0, 60), r.int(1, 10) * 500, 'oplata', receipt());
      if (outcome === 'correction') {
        const wrong = r.int(2, 20) * 500;
        const when = day(y + 1, 2, 1) + r.int(0, 60);
        payment(id, when, wrong, 'oplata', receipt());
        payment(id, when + r.int(3, 20), -wrong, 'korrektirovka', `бухгалтердик маалымкат №${r.int(10, 400)} (ошибочно зачислено)`);
      }
      if (outcome === 'refund' && seg.to !== null) {
        const unused = Math.round((due * Math.max(0.1, Math.min(0.9, (to - seg.to) / (to - from)))) / 100) * 100;
        payment(id, seg.to + r.int(10, 45), -unused, 'vozvrat', `чыгаш ордери №${r.int(100, 999)}`);
      }
    }
  }
}
