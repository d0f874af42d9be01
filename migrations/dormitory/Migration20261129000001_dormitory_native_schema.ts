import { Migration } from '@mikro-orm/migrations';

/** The dormitory system's native tables: buildings, rooms, beds, residents, placements, payments. */
export class Migration20261129000001DormitoryNativeSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table buildings (
  building_id serial primary key,
  code text not null unique,
  name text not null,
  address text not null,
  gender_policy text not null check (gender_policy in ('male','female','mixed')),
  floors smallint not null
);
create table rooms (
  room_id serial primary key,
  building_id int not null references buildings,
  number text not null,
  floor smallint not null,
  capacity smallint not null,
  room_type text not null check (room_type in ('standard','block','family')),
  unique (building_id, number)
);
create table beds (
  bed_id serial primary key,
  room_id int not null references rooms,
  label text not null,
  is_blocked boolean not null default false
);
create index on beds (room_id);
create table residents (
  resident_id serial primary key,
  pin char(14),
  last_name text not null,
  first_name text not null,
  middle_name text,
  birth_date date,
  sex char(1),
  phone text,
  student_number text,
  resident_type text not null check (resident_type in ('student','staff','guest'))
);
create index on residents (pin);
create index on residents (student_number);
create table placements (
  placement_id serial primary key,
  resident_id int not null references residents,
  bed_id int not null references beds,
  start_date date not null,
  end_date date,
  order_ref text,
  status text not null check (status in ('active','ended')),
  monthly_fee numeric(10,2) not null
);
create index on placements (resident_id);
create index on placements (bed_id);
create unique index placements_one_active_per_bed on placements (bed_id) where status = 'active';
create table payments (
  payment_id serial primary key,
  placement_id int not null references placements,
  paid_on date not null,
  period_month date not null,
  amount numeric(10,2) not null,
  receipt_no text not null
);
create index on payments (placement_id);
`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists payments, placements, residents, beds, rooms, buildings cascade;');
  }
}
