-- Procedures context: a claim being filled in online, saved at every step so the person can resume it.
-- One draft per person and procedure: starting again resumes it. On submission the draft becomes a case
-- (its id is the case's submission key) and is deleted; an abandoned one is reminded, warned, then deleted.
create table procedure_draft (
  id uuid primary key,
  insured_id bigint not null references insured (id) on delete cascade,
  procedure text not null
    check (procedure in ('retirementClaim', 'survivorPension', 'aspa', 'careerCorrection')),
  -- What the person typed, as typed (a refused answer is kept), and the documents attached per proof.
  answers jsonb not null default '{}',
  current_step integer not null default 0 check (current_step >= 0),
  created_at timestamptz not null,
  last_activity_at timestamptz not null,
  -- The reminder and the expiry warning are sent once per period of inactivity: a later activity
  -- (last_activity_at after them) makes them due again.
  reminded_at timestamptz,
  expiry_warned_at timestamptz,
  unique (insured_id, procedure)
);
-- The daily sweeps read drafts by their last activity.
create index procedure_draft_activity on procedure_draft (last_activity_at);

-- Which case each submitted draft became: a replayed or double-clicked submission, arriving once the
-- draft is gone, finds its case here and shows the same acknowledgement.
create table procedure_submission (
  draft_id uuid primary key,
  insured_id bigint not null references insured (id) on delete cascade,
  procedure text not null,
  case_reference text not null,
  submitted_at timestamptz not null
);
