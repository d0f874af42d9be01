import { Migration } from '@mikro-orm/migrations';

/**
 * AVN's native tables as the hub's demo builds them. Names follow AVN's own habit of Russian
 * transliteration (fakultet, kafedra, gruppa, prikaz, vedomost…), on purpose: the hub's mapping
 * layer (src/sources/avn) is the only place that knows these names.
 * With an external AVN configured this migration is NOT run (the hub never reshapes a source);
 * only the hub's named integration objects are.
 */
export class Migration20261129000001AvnNativeSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table fakultet (
  fak_id serial primary key,
  kod text not null unique,
  name_ky text not null,
  name_ru text not null,
  short_name text not null,
  is_institute boolean not null default false,
  dekan_emp_id int
);
create table kafedra (
  kaf_id serial primary key,
  fak_id int not null references fakultet,
  name_ky text not null,
  name_ru text not null,
  zav_emp_id int
);
create index on kafedra (fak_id);
create table specialnost (
  spec_id serial primary key,
  fak_id int not null references fakultet,
  kaf_id int not null references kafedra,
  shifr text not null,
  name_ky text not null,
  name_ru text not null,
  uroven text not null check (uroven in ('bakalavr','magistr','specialist')),
  srok_let smallint not null
);
create index on specialnost (fak_id);
create table gruppa (
  grp_id serial primary key,
  spec_id int not null references specialnost,
  name text not null unique,
  kurs smallint not null,
  god_postupleniya smallint not null,
  kurator_emp_id int,
  yazyk char(2) not null default 'ky'
);
create index on gruppa (spec_id);
create table student_status (
  status_id smallint primary key,
  kod text not null unique,
  name_ky text not null
);
insert into student_status values
  (1, 'obuchaetsya', 'Окуп жатат'),
  (2, 'akadem', 'Академиялык өргүүдө'),
  (3, 'otchislen', 'Чыгарылган'),
  (4, 'vypusknik', 'Бүтүрүүчү');
create table students (
  stud_id serial primary key,
  zachetka text not null unique,
  grp_id int not null references gruppa,
  fam text not null,
  imya text not null,
  otch text,
  pin char(14),
  data_rojd date not null,
  pol char(1) not null check (pol in ('M','J')),
  grajdanstvo text not null default 'KG',
  tel text,
  email text,
  adres text,
  passport text,
  forma_oplaty char(1) not null check (forma_oplaty in ('B','K')),
  status_id smallint not null references student_status,
  data_postupleniya date not null,
  foto_url text
);
create index on students (grp_id);
create index on students (pin);
create index on students (status_id);
create index on students (lower(fam));
create table sotrudnik (
  emp_id serial primary key,
  tabel_nomer text not null unique,
  fam text not null,
  imya text not null,
  otch text,
  pin char(14),
  data_rojd date not null,
  pol char(1) not null check (pol in ('M','J')),
  tel text,
  email text,
  adres text,
  passport text,
  uch_stepen text,
  uch_zvanie text,
  is_pps boolean not null,
  is_active boolean not null default true,
  foto_url text
);
create index on sotrudnik (pin);
create table doljnost (
  dolj_id serial primary key,
  name_ky text not null,
  kategoriya text not null check (kategoriya in ('PPS','AUP','UVP'))
);
create table shtat (
  shtat_id serial primary key,
  fak_id int references fakultet,
  kaf_id int references kafedra,
  dolj_id int not null references doljnost,
  stavok numeric(6,2) not null,
  oklad numeric(12,2) not null
);
create index on shtat (kaf_id);
create index on shtat (fak_id);
create table sotrudnik_doljnost (
  sd_id serial primary key,
  emp_id int not null references sotrudnik,
  shtat_id int not null references shtat,
  stavka numeric(4,2) not null,
  data_nach date not null,
  data_kon date
);
create index on sotrudnik_doljnost (emp_id);
create index on sotrudnik_doljnost (shtat_id);
create table disciplina (
  disc_id serial primary key,
  kaf_id int not null references kafedra,
  kod text not null,
  name_ky text not null,
  name_ru text not null
);
create table uch_plan (
  plan_id serial primary key,
  spec_id int not null references specialnost,
  god_nabora smallint not null,
  name text not null,
  utverjden date not null
);
create index on uch_plan (spec_id);
create table uch_plan_str (
  str_id serial primary key,
  plan_id int not null references uch_plan,
  disc_id int not null references disciplina,
  semestr smallint not null,
  kredity numeric(4,1) not null,
  chasy_lek smallint not null,
  chasy_prak smallint not null,
  chasy_lab smallint not null,
  chasy_srs smallint not null,
  forma_kontrolya text not null check (forma_kontrolya in ('ekzamen','zachet','dif_zachet','kursovaya')),
  max_m1 smallint not null,
  max_m2 smallint not null,
  max_itog smallint not null
);
create index on uch_plan_str (plan_id, semestr);
create table nagruzka (
  nagr_id serial primary key,
  emp_id int not null references sotrudnik,
  disc_id int not null references disciplina,
  grp_id int not null references gruppa,
  uch_god text not null,
  semestr smallint not null,
  vid text not null check (vid in ('lek','prak','lab')),
  chasy smallint not null
);
create index on nagruzka (emp_id);
create index on nagruzka (grp_id);
create table prikaz_tip (
  tip_id smallint primary key,
  kod text not null unique,
  name_ky text not null
);
insert into prikaz_tip values
  (1, 'zachislenie', 'Кабыл алуу'),
  (2, 'perevod', 'Которуу'),
  (3, 'akadem', 'Академиялык өргүү'),
  (4, 'vosstanovlenie', 'Калыбына келтирүү'),
  (5, 'otchislenie', 'Чыгаруу'),
  (6, 'vypusk', 'Бүтүрүү');
create table prikaz (
  prikaz_id serial primary key,
  nomer text not null,
  data date not null,
  tip_id smallint not null references prikaz_tip,
  fak_id int references fakultet,
  status text not null check (status in ('proekt','podpisan','otmenen')),
  osnovanie text,
  podpisal_emp_id int,
  sozdan timestamptz not null default now()
);
create index on prikaz (tip_id, data);
create index on prikaz (fak_id);
create table prikaz_student (
  ps_id serial primary key,
  prikaz_id int not null references prikaz,
  stud_id int not null references students,
  iz_grp_id int references gruppa,
  v_grp_id int references gruppa,
  prichina text
);
create index on prikaz_student (stud_id);
create index on prikaz_student (prikaz_id);
create table tarif (
  tarif_id serial primary key,
  spec_id int not null references specialnost,
  uch_god text not null,
  summa numeric(12,2) not null
);
create table kontrakt (
  kontr_id serial primary key,
  stud_id int not null references students,
  nomer text not null unique,
  data date not null,
  uch_god text not null,
  tarif_id int not null references tarif,
  summa numeric(12,2) not null,
  skidka numeric(12,2) not null default 0
);
create index on kontrakt (stud_id);
create table oplata (
  opl_id serial primary key,
  kontr_id int not null references kontrakt,
  data date not null,
  summa numeric(12,2) not null,
  vid text not null check (vid in ('oplata','korrektirovka','vozvrat')),
  dokument text
);
create index on oplata (kontr_id);
create table abiturient (
  abit_id serial primary key,
  fam text not null,
  imya text not null,
  otch text,
  pin char(14),
  data_rojd date not null,
  pol char(1) not null,
  tel text,
  spec_id int not null references specialnost,
  ort_ball smallint,
  data_podachi date not null,
  status text not null check (status in ('podal','rekomendovan','otklonen','zachislen')),
  stud_id int references students
);
create index on abiturient (spec_id);
create table shkala (
  shkala_id serial primary key,
  min_ball numeric(5,2) not null,
  max_ball numeric(5,2) not null,
  bukva text not null,
  ball numeric(3,2) not null,
  name_ky text not null
);
create table registraciya (
  reg_id serial primary key,
  stud_id int not null references students,
  str_id int not null references uch_plan_str,
  uch_god text not null,
  semestr smallint not null,
  data_reg date not null,
  status text not null check (status in ('zapisan','otkazalsya'))
);
create index on registraciya (stud_id);
create index on registraciya (str_id);
create table vedomost (
  ved_id serial primary key,
  grp_id int not null references gruppa,
  str_id int not null references uch_plan_str,
  emp_id int not null references sotrudnik,
  uch_god text not null,
  semestr smallint not null,
  tip text not null check (tip in ('osnovnaya','peresdacha')),
  status text not null check (status in ('otkryta','sdana','pereotkryta')),
  data_otkr date not null,
  data_zakr date
);
create index on vedomost (grp_id);
create index on vedomost (emp_id);
create table vedomost_str (
  vs_id serial primary key,
  ved_id int not null references vedomost,
  stud_id int not null references students,
  m1 numeric(5,2),
  m2 numeric(5,2),
  itog numeric(5,2),
  total numeric(5,2),
  bukva text,
  unique (ved_id, stud_id)
);
create index on vedomost_str (stud_id);
create table jurnal_zanyatie (
  zan_id serial primary key,
  grp_id int not null references gruppa,
  disc_id int not null references disciplina,
  emp_id int not null references sotrudnik,
  data date not null,
  para smallint not null,
  vid text not null check (vid in ('lek','prak','lab')),
  tema text
);
create index on jurnal_zanyatie (grp_id, data);
create index on jurnal_zanyatie (emp_id);
create table jurnal_otmetka (
  otm_id serial primary key,
  zan_id int not null references jurnal_zanyatie,
  stud_id int not null references students,
  prisutstvie char(1) not null check (prisutstvie in ('P','N','O','U')),
  ocenka numeric(5,2),
  istochnik text not null default 'ruchnoy' check (istochnik in ('ruchnoy','qr')),
  unique (zan_id, stud_id)
);
create index on jurnal_otmetka (stud_id);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists jurnal_otmetka, jurnal_zanyatie, vedomost_str, vedomost, registraciya, shkala,
      abiturient, oplata, kontrakt, tarif, prikaz_student, prikaz, prikaz_tip, nagruzka, uch_plan_str, uch_plan,
      disciplina, sotrudnik_doljnost, shtat, doljnost, sotrudnik, students, student_status, gruppa, specialnost,
      kafedra, fakultet cascade;`);
  }
}
