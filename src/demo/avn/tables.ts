/**
 * AVN's tables as the generator writes them, in an order that satisfies the foreign keys.
 * Column lists mirror migrations/avn/*_native_schema.ts; student_status and prikaz_tip are filled
 * by the migration itself and are not written here.
 */
import { defineTable } from '../table';

export function avnTables() {
  return {
    fakultet: defineTable('fakultet', { fak_id: 'int', kod: 'text', name_ky: 'text', name_ru: 'text', short_name: 'text', is_institute: 'bool', dekan_emp_id: 'int' }, 'fak_id'),
    kafedra: defineTable('kafedra', { kaf_id: 'int', fak_id: 'int', name_ky: 'text', name_ru: 'text', zav_emp_id: 'int' }, 'kaf_id'),
    specialnost: defineTable('specialnost', { spec_id: 'int', fak_id: 'int', kaf_id: 'int', shifr: 'text', name_ky: 'text', name_ru: 'text', uroven: 'text', srok_let: 'smallint' }, 'spec_id'),
    gruppa: defineTable('gruppa', { grp_id: 'int', spec_id: 'int', name: 'text', kurs: 'smallint', god_postupleniya: 'smallint', kurator_emp_id: 'int', yazyk: 'text' }, 'grp_id'),
    students: defineTable(
      'students',
      {
        stud_id: 'int', zachetka: 'text', grp_id: 'int', fam: 'text', imya: 'text', otch: 'text', pin: 'text', data_rojd: 'date', pol: 'text', grajdanstvo: 'text',
        tel: 'text', email: 'text', adres: 'text', passport: 'text', forma_oplaty: 'text', status_id: 'smallint', data_postupleniya: 'date', foto_url: 'text',
      },
      'stud_id',
    ),
    sotrudnik: defineTable(
      'sotrudnik',
      {
        emp_id: 'int', tabel_nomer: 'text', fam: 'text', imya: 'text', otch: 'text', pin: 'text', data_rojd: 'date', pol: 'text', tel: 'text', email: 'text',
        adres: 'text', passport: 'text', uch_stepen: 'text', uch_zvanie: 'text', is_pps: 'bool', is_active: 'bool', foto_url: 'text',
      },
      'emp_id',
    ),
    doljnost: defineTable('doljnost', { dolj_id: 'int', name_ky: 'text', kategoriya: 'text' }, 'dolj_id'),
    shtat: defineTable('shtat', { shtat_id: 'int', fak_id: 'int', kaf_id: 'int', dolj_id: 'int', stavok: 'numeric', oklad: 'numeric' }, 'shtat_id'),
    sotrudnik_doljnost: defineTable('sotrudnik_doljnost', { sd_id: 'int', emp_id: 'int', shtat_id: 'int', stavka: 'numeric', data_nach: 'date', data_kon: 'date' }, 'sd_id'),
    disciplina: defineTable('disciplina', { disc_id: 'int', kaf_id: 'int', kod: 'text', name_ky: 'text', name_ru: 'text' }, 'disc_id'),
    uch_plan: defineTable('uch_plan', { plan_id: 'int', spec_id: 'int', god_nabora: 'smallint', name: 'text', utverjden: 'date' }, 'plan_id'),
    uch_plan_str: defineTable(
      'uch_plan_str',
      {
        str_id: 'int', plan_id: 'int', disc_id: 'int', semestr: 'smallint', kredity: 'numeric', chasy_lek: 'smallint', chasy_prak: 'smallint', chasy_lab: 'smallint',
        chasy_srs: 'smallint', forma_kontrolya: 'text', max_m1: 'smallint', max_m2: 'smallint', max_itog: 'smallint',
      },
      'str_id',
    ),
    nagruzka: defineTable('nagruzka', { nagr_id: 'int', emp_id: 'int', disc_id: 'int', grp_id: 'int', uch_god: 'text', semestr: 'smallint', vid: 'text', chasy: 'smallint' }, 'nagr_id'),
    prikaz: defineTable(
      'prikaz',
      { prikaz_id: 'int', nomer: 'text', data: 'date', tip_id: 'smallint', fak_id: 'int', status: 'text', osnovanie: 'text', podpisal_emp_id: 'int', sozdan: 'timestamptz' },
      'prikaz_id',
    ),
    prikaz_student: defineTable('prikaz_student', { ps_id: 'int', prikaz_id: 'int', stud_id: 'int', iz_grp_id: 'int', v_grp_id: 'int', prichina: 'text' }, 'ps_id'),
    tarif: defineTable('tarif', { tarif_id: 'int', spec_id: 'int', uch_god: 'text', summa: 'numeric' }, 'tarif_id'),
    kontrakt: defineTable('kontrakt', { kontr_id: 'int', stud_id: 'int', nomer: 'text', data: 'date', uch_god: 'text', tarif_id: 'int', summa: 'numeric', skidka: 'numeric' }, 'kontr_id'),
    oplata: defineTable('oplata', { opl_id: 'int', kontr_id: 'int', data: 'date', summa: 'numeric', vid: 'text', dokument: 'text' }, 'opl_id'),
    abiturient: defineTable(
      'abiturient',
      {
        abit_id: 'int', fam: 'text', imya: 'text', otch: 'text', pin: 'text', data_rojd: 'date', pol: 'text', tel: 'text', spec_id: 'int', ort_ball: 'smallint',
        data_podachi: 'date', status: 'text', stud_id: 'int',
      },
      'abit_id',
    ),
    shkala: defineTable('shkala', { shkala_id: 'int', min_ball: 'numeric', max_ball: 'numeric', bukva: 'text', ball: 'numeric', name_ky: 'text' }, 'shkala_id'),
    registraciya: defineTable('registraciya', { reg_id: 'int', stud_id: 'int', str_id: 'int', uch_god: 'text', semestr: 'smallint', data_reg: 'date', status: 'text' }, 'reg_id'),
    vedomost: defineTable(
      'vedomost',
      { ved_id: 'int', grp_id: 'int', str_id: 'int', emp_id: 'int', uch_god: 'text', semestr: 'smallint', tip: 'text', status: 'text', data_otkr: 'date', data_zakr: 'date' },
      'ved_id',
    ),
    vedomost_str: defineTable(
      'vedomost_str',
      { vs_id: 'int', ved_id: 'int', stud_id: 'int', m1: 'numeric', m2: 'numeric', itog: 'numeric', total: 'numeric', bukva: 'text' },
      'vs_id',
    ),
    jurnal_zanyatie: defineTable('jurnal_zanyatie', { zan_id: 'int', grp_id: 'int', disc_id: 'int', emp_id: 'int', data: 'date', para: 'smallint', vid: 'text', tema: 'text' }, 'zan_id'),
    jurnal_otmetka: defineTable(
      'jurnal_otmetka',
      { otm_id: 'int', zan_id: 'int', stud_id: 'int', prisutstvie: 'text', ocenka: 'numeric', istochnik: 'text' },
      'otm_id',
    ),
  };
}

export type AvnTables = ReturnType<typeof avnTables>;
