-- A proof request keeps the name of the document as the person reads it: the procedure's label for a
-- proof of its catalogue, the case worker's words for another. Requests made before this column held
-- that name as their proof code.
alter table case_event add column proof_label text;
update case_event set proof_label = proof_code where kind = 'proof_request';
alter table case_event add constraint case_event_proof_named
  check (kind <> 'proof_request' or (proof_code is not null and proof_label is not null));
