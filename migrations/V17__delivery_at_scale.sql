-- Other instances' senders join new work at once instead of at their next poll. Every statement that queues
-- deliveries (a page of a run, a transactional mail) notifies in its own transaction: the notice goes out on
-- commit and never for a rollback, and PostgreSQL folds identical notices of one transaction into one. Each
-- instance LISTENs on one connection (delivery.OutboxListener); polling stays the fallback.
create function notify_outbox() returns trigger language plpgsql as $$
begin
    perform pg_notify('alerts_outbox', '');
    return null;
end
$$;
create trigger delivery_queued after insert on delivery
    for each statement execute function notify_outbox();

-- The messages-per-second limit shared by every instance (delivery.SendRate): a token bucket in one row, drawn
-- from with one upsert per window of mail. granted is what the last draw got (RETURNING sees only new values).
create table send_rate (
    id          boolean primary key default true check (id),
    tokens      double precision not null,
    granted     integer not null,
    refilled_at timestamptz not null
);
