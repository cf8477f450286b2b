-- The staff dashboard (OutboxStats): mails sent per day, and mails not delivered since a date. Partial indexes on
-- exactly those predicates, so neither figure scans the whole outbox.
create index delivery_sent_at on delivery (sent_at) where status = 'sent';
create index delivery_undelivered_created_at on delivery (created_at) where status in ('failed', 'rejected');
