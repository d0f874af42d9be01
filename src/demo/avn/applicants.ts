/**
 * Applicants of the current intake (AVN 25). Most were admitted and are linked to their student
 * record (same person, same PIN); some applied to a second programme first and were turned down
 * there (two applicant records of one person); the rest were rejected, or recommended but never
 * enrolled. ORT is the national test (110–245); master's applicants have none.
 */
import { CURRENT_YEAR, day, iso } from '../calendar';
import { formatPhone, type Person, type PersonFactory } from '../people';
import type { Rng } from '../random';
import type { DemoSizes } from '../sizes';
import type { GroundTruthBuilder } from '../ground-truth';
import type { Student } from './model';
import type { Structure } from './structure';
import type { AvnTables } from './tables';

interface Draft {
  person: Person;
  specId: number;
  ort: number | null;
  submitted: number;
  status: 'podal' | 'rekomendovan' | 'otklonen' | 'zachislen';
  studId: number | null;
}

export function buildApplicants(rng: Rng, structure: Structure, sizes: DemoSizes, students: Student[], people: PersonFactory, t: AvnTables, truth: GroundTruthBuilder): void {
  const freshmen = students.filter((s) => structure.groups[s.segments[0].grpId - 1].intake === CURRENT_YEAR);
  const enrolled = rng.sample(freshmen, Math.min(freshmen.length, Math.round(sizes.applicants * 0.8)));
  const window = [day(CURRENT_YEAR, 6, 20), day(CURRENT_YEAR, 8, 10)] as const;
  const drafts: Draft[] = [];
  const specOf = (s: Student) => structure.groups[s.segments[0].grpId - 1].specId;
  const isMaster = (specId: number) => structure.specs[specId - 1].uroven === 'magistr';
  const ort = (specId: number, strong: boolean) => (isMaster(specId) ? null : rng.score(strong ? 160 : 128, 24, 110, 245));

  for (const s of enrolled) {
    const specId = specOf(s);
    const submitted = rng.int(window[0], window[1]);
    if (rng.chance(0.05)) {
      // applied first to a more demanded programme of the same level and was turned down
      const level = structure.specs[specId - 1].uroven;
      const other = structure.specs.filter((sp) => sp.id !== specId && sp.uroven === level);
      if (other.length) drafts.push({ person: s.person, specId: rng.pick(other).id, ort: ort(specId, true), submitted: submitted - rng.int(1, 10), status: 'otklonen', studId: null });
    }
    drafts.push({ person: s.person, specId, ort: ort(specId, true), submitted, status: 'zachislen', studId: s.id });
  }
  const weights = structure.specs.map((sp) => sp.demand);
  while (drafts.length < sizes.applicants) {
    const specId = rng.weighted(structure.specs, weights).id;
    const master = isMaster(specId);
    const person = people.create({
      birthFrom: master ? day(CURRENT_YEAR - 28, 1, 1) : day(CURRENT_YEAR - 19, 9, 1),
      birthTo: master ? day(CURRENT_YEAR - 21, 8, 31) : day(CURRENT_YEAR - 17, 8, 31),
      foreign: rng.chance(0.02),
      emailShare: 0.5,
    });
    drafts.push({ person, specId, ort: ort(specId, false), submitted: rng.int(window[0], window[1]), status: rng.weighted(['otklonen', 'rekomendovan', 'podal'] as const, [75, 15, 10]), studId: null });
  }
  drafts.sort((a, b) => a.submitted - b.submitted);
  drafts.forEach((d, i) => {
    const id = i + 1;
    const p = d.person;
    t.abiturient.push({
      abit_id: id, fam: p.fam, imya: p.imya, otch: p.otch, pin: p.pin, data_rojd: iso(p.birth), pol: p.pol, tel: formatPhone(p.phone, 'intl'),
      spec_id: d.specId, ort_ball: d.ort, data_podachi: iso(d.submitted), status: d.status, stud_id: d.studId,
    });
    truth.add('avn.applicant', id, p.key);
  });
}
