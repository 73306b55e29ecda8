-- Career context: one row per person, year and scheme.
create type career_scheme as enum ('general', 'self_employed', 'agricultural', 'public_service', 'abroad');

create table employer (
  id integer primary key,
  name text not null,
  siret char(14) not null unique
);

create table career_year (
  insured_id bigint not null references insured (id) on delete cascade,
  year smallint not null check (year between 1930 and 2100),
  scheme career_scheme not null,
  employer_id integer references employer (id),
  -- Gross yearly earnings in whole euros (francs converted at 6.55957 for years before 2002).
  salary integer not null check (salary >= 0),
  contributed smallint not null default 0 check (contributed between 0 and 4),
  unemployment smallint not null default 0 check (unemployment between 0 and 4),
  sickness smallint not null default 0 check (sickness between 0 and 4),
  maternity smallint not null default 0 check (maternity between 0 and 4),
  military smallint not null default 0 check (military between 0 and 4),
  check (contributed + unemployment + sickness + maternity + military <= 4),
  primary key (insured_id, year, scheme)
);

-- Child quarters (MDA) awarded to a parent, per child and reason.
create table child_quarters (
  insured_id bigint not null references insured (id) on delete cascade,
  child_id bigint not null references child (id) on delete cascade,
  reason text not null check (reason in ('maternity', 'adoption', 'education')),
  quarters smallint not null check (quarters between 1 and 4),
  primary key (insured_id, child_id, reason)
);
