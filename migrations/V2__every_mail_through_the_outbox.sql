-- Every mail goes through the outbox: transactional mail (the sign-up confirmation, and later others) as well
-- as digests. Outages no longer burn attempts, and a 5xx is told apart from running out of retries.

-- A transactional mail belongs to no send run; a digest always does.
alter table delivery alter column run_id drop not null;
alter table delivery add column kind text not null default 'digest' check (kind in ('digest', 'transactional'));
alter table delivery add constraint delivery_run_of_digests check ((kind = 'digest') = (run_id is not null));

-- Lower goes first: a reader waiting for a confirmation must not wait behind a 10,000-reader digest run.
alter table delivery add column priority smallint not null default 1;

-- 'failed' now means "gave up after temporary failures" (can be queued again); 'rejected' is a 5xx or an
-- unusable address (final).
alter table delivery drop constraint delivery_status_check;
alter table delivery add constraint delivery_status_check
    check (status in ('queued', 'claimed', 'sending', 'sent', 'failed', 'rejected', 'cancelled'));

-- The claim order is (priority, next_attempt_at, id).
drop index delivery_due;
create index delivery_due on delivery (priority, next_attempt_at, id) where status = 'queued';

-- A transactional mail is rendered when it is queued (its content, e.g. a fresh confirmation token, exists
-- nowhere else). It holds a live token, so it is kept only while the mail may still be sent.
create table delivery_mail (
    delivery_id bigint primary key references delivery on delete cascade,
    recipient   text not null,
    subject     text not null,
    html        text not null,
    text        text not null
);

-- Forgotten in the same statement that settles the delivery, whichever path settles it.
create function forget_settled_mail() returns trigger language plpgsql as $$
begin
    delete from delivery_mail where delivery_id = new.id;
    return null;
end
$$;
create trigger delivery_settled after update of status on delivery
    for each row when (new.status in ('sent', 'failed', 'rejected', 'cancelled'))
    execute function forget_settled_mail();

-- The mail that carries each confirmation: the daily cap counts only confirmations whose mail was sent or is
-- still on its way. Null for confirmations mailed before this migration (they were sent on the spot).
alter table confirmation add column delivery_id bigint references delivery on delete set null;
create index confirmation_delivery on confirmation (delivery_id);
