-- Bounces and complaints (issue 8): what the bounce mailbox told us about each delivery, the poll's lease, and the
-- key that signs VERP addresses.

-- One row per report read from the bounce mailbox. report_id (the report's Message-ID, else a hash of it) is unique
-- so a report read twice (a crash between recording and deleting it, two pollers) counts once.
create table bounce_event (
    id            bigint generated always as identity primary key,
    report_id     text not null unique,
    subscriber_id bigint not null references subscriber on delete cascade,
    delivery_id   bigint references delivery on delete set null,
    kind          text not null check (kind in ('hard-bounce', 'soft-bounce', 'complaint', 'unsubscribe')),
    status        text,
    detail        text,
    received_at   timestamptz not null
);
create index bounce_event_subscriber on bounce_event (subscriber_id, kind);
create index bounce_event_delivery on bounce_event (delivery_id);

-- One row: which instance is reading the bounce mailbox, until when.
create table bounce_poll (
    id           int primary key check (id = 1),
    locked_by    text,
    locked_until timestamptz not null
);
insert into bounce_poll (id, locked_by, locked_until) values (1, null, '-infinity');

-- The HMAC key of VERP and mailto-unsubscribe addresses: made once here, shared by every instance, nothing to configure.
-- gen_random_uuid() draws from PostgreSQL's strong random source; two of them give 244 random bits.
create table bounce_key (
    id     int primary key check (id = 1),
    secret text not null
);
insert into bounce_key (id, secret) values (1, gen_random_uuid()::text || gen_random_uuid()::text);
