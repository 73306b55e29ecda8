-- Platform: the daily jobs' runs. One row per job and day, claimed by the first instance that inserts it:
-- with several app instances side by side, each day's run happens once.
create table job_run (
  job text not null,
  -- The day in France the run is for.
  day date not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  handled integer,
  error text,
  primary key (job, day)
);
