-- Single-use enrolment links for staff: the person the link was sent to chooses their password and
-- enrols their authenticator; nobody else ever learns a credential. Only a hash of the token is kept.
create table staff_enrolment (
  token_hash text primary key,
  staff_id bigint not null references staff (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index staff_enrolment_staff on staff_enrolment (staff_id);
