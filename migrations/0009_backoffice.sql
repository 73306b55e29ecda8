-- Staff second factor, login throttling, and the indexes of the back-office search.

-- The TOTP secret is stored encrypted (AES-256-GCM, key derived from the app secret); the last
-- accepted time step makes a used code unusable a second time.
alter table staff add column totp_last_step bigint;

-- Failed logins per e-mail address, whether a staff member has it or not: an unknown address is
-- throttled and locked exactly like a known one, so the lock reveals nothing. A success deletes the row.
create table staff_login_failure (
  email text primary key,
  failures integer not null default 0,
  locked_until timestamptz,
  last_failure_at timestamptz not null default now()
);

-- Names as searched: upper case, without accents, spaces, hyphens or apostrophes
-- ("Lefèvre" → LEFEVRE, "Le Gall" → LEGALL). Accents are translated before upper() because upper()
-- changes only ASCII letters under the C locale. Mirrored by `nameKey` in src/backoffice/model.ts.
create function parcours_name_key(name text) returns text
language sql immutable strict parallel safe
return regexp_replace(
  upper(translate(
    replace(replace(replace(replace(name, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'),
    'àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ',
    'aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY'
  )),
  '[^A-Z]', '', 'g'
);

-- Search by name: the birth date is always given, so it leads; the name key follows for a prefix
-- match (text_pattern_ops serves LIKE 'KEY%' whatever the database collation). A person is found by
-- the name they use or their birth name; most people have one name, so the birth-name index only
-- holds those whose names differ. At 1 000 000 people each birth date holds ~35 people and the
-- search reads a handful of index entries (EXPLAIN ANALYZE in docs/backoffice.md).
create index insured_search_name on insured (birth_date, parcours_name_key(last_name) text_pattern_ops);
create index insured_search_birth_name on insured (birth_date, parcours_name_key(birth_name) text_pattern_ops)
  where birth_name <> last_name;
-- Search by NIR uses the unique index of insured.nir; the fund scope is a filter on the one row found.
