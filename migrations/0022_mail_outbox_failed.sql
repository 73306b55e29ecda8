-- A mail that could not be delivered after the bounded number of attempts stops being retried and is
-- shown as failed (development page /dev/courriels; operators query failed_at).
alter table mail_outbox add column failed_at timestamptz;
drop index mail_outbox_pending;
create index mail_outbox_pending on mail_outbox (next_attempt_at) where sent_at is null and failed_at is null;
