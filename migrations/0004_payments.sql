-- Payments context: pensions in payment and their monthly payments.
create table pension (
  insured_id bigint not null references insured (id) on delete cascade,
  kind text not null check (kind in ('own_right', 'survivor')),
  start_date date not null,
  average_salary numeric(10, 2),
  rate numeric(6, 4),
  quarters_general smallint,
  quarters_required smallint,
  monthly_gross numeric(10, 2) not null check (monthly_gross >= 0),
  primary key (insured_id, kind)
);

create table pension_payment (
  insured_id bigint not null references insured (id) on delete cascade,
  -- The month the payment is for (first day); paid on the 9th of the next month.
  period date not null,
  paid_on date not null,
  gross numeric(10, 2) not null,
  social_contributions numeric(10, 2) not null,
  net numeric(10, 2) not null,
  check (net = gross - social_contributions),
  primary key (insured_id, period)
);
