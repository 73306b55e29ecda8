-- Documents context: files people (or staff) uploaded — proofs attached to a claim, answers to a proof
-- request, attachments of messages. The bytes live under the uploads directory, outside anything served,
-- under a random name; this table says whose file it is and what its content really is (sniffed).
create table document (
  id uuid primary key,
  -- Whose file it is: only this person (or their representative) and staff of their fund may read it.
  insured_id bigint not null references insured (id) on delete cascade,
  original_name text not null check (length(original_name) between 1 and 255),
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer not null check (size_bytes > 0 and size_bytes <= 10485760),
  storage_name text not null unique check (storage_name ~ '^[0-9a-f]{64}$'),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  scan text not null check (scan in ('clean', 'not_scanned')),
  uploaded_by_kind text not null check (uploaded_by_kind in ('insured', 'representative', 'staff')),
  uploaded_by_id bigint not null,
  created_at timestamptz not null default now()
);
create index document_insured on document (insured_id, created_at);
