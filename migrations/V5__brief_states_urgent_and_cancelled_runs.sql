-- Staff side of briefs and sends: brief states, urgent briefs, runs staff start or cancel, and test mails.

-- A brief is a draft (never matched), published (matched once published_at has come; "scheduled" while it is in
-- the future, which is derived, not stored) or retracted (never matched or mailed again; final).
alter table brief add column state text not null default 'published'
    check (state in ('draft', 'published', 'retracted'));
-- An urgent brief goes at once to every matching reader, whatever their frequency (a run of its own).
alter table brief add column urgent boolean not null default false;
create index brief_state on brief (state, published_at desc);

-- Runs started from the admin UI ('staff') and the run of one urgent brief ('urgent', all frequencies: frequency
-- is null). One urgent run per brief, however many instances tick.
alter table send_run drop constraint send_run_trigger_check;
alter table send_run add constraint send_run_trigger_check check (trigger in ('schedule', 'api', 'staff', 'urgent'));
alter table send_run alter column frequency drop not null;
alter table send_run add column brief_id bigint references brief on delete set null;
create unique index send_run_brief on send_run (brief_id);
alter table send_run add constraint send_run_urgent_has_brief
    check ((trigger = 'urgent') = (frequency is null));
-- Set when staff cancel the run: planning stops and its still-queued digests are cancelled.
alter table send_run add column cancelled_at timestamptz;

-- A test mail to a member of staff goes through the outbox like any mail, but belongs to no reader.
alter table delivery alter column subscriber_id drop not null;
alter table delivery add constraint delivery_reader_of_digests check (kind = 'transactional' or subscriber_id is not null);
