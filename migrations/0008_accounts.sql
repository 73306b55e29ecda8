-- Identity context: what personal-space accounts need beyond the account row itself.

-- Single-use links sent by e-mail (address verification, password reset). Only the SHA-256 of the
-- token is stored, so a copy of this table opens nothing; a token counts once, before its expiry.
create table account_token (
  token_hash text primary key,
  insured_id bigint not null references insured (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index account_token_insured on account_token (insured_id, purpose);

-- Failed logins per e-mail address typed, whether an account has it or not (so a lock reveals
-- nothing): `failures` counts within the window that started at `window_started_at`; reaching the
-- limit sets `locked_until`. A successful login deletes the row.
create table login_throttle (
  email text primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz
);
