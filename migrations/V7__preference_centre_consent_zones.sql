-- The reader's side (issue 6): the preference centre, pauses, editions, time zones, consent records, erasure.

-- The choices as the reader made them (the form's ticks), next to their expansion into subscription rows,
-- so the preference centre shows exactly what was ticked.
alter table subscriber add column match_mode text not null default 'any' check (match_mode in ('any', 'all'));
alter table subscriber add column topics     text[] not null default '{}';
alter table subscriber add column regions    text[] not null default '{}';
-- Which language editions the reader receives. Matching on a brief's language comes with the editions work.
alter table subscriber add column editions   text[] not null default '{en}';
-- IANA time zone of the daily and weekly digests; null means the publisher's (ALERTS_DIGEST_ZONE).
alter table subscriber add column zone       text;
-- A pause: no digest is planned while paused_until is ahead ('infinity' = until resumed), and what arrived
-- in [paused_from, paused_until) is never sent. Resuming early moves paused_until to the moment of resuming.
alter table subscriber add column paused_from  timestamptz;
alter table subscriber add column paused_until timestamptz;
alter table subscriber add constraint subscriber_pause check ((paused_from is null) = (paused_until is null));

-- Readers who signed up before this migration: their ticks, read back from their rows. A row with both a topic
-- and a region can only come from "all"; otherwise "any" gives the same rows.
update subscriber s set
    match_mode = case when exists (select 1 from subscription x where x.subscriber_id = s.id
                                    and x.topic_id is not null and x.region_id is not null) then 'all' else 'any' end,
    topics = coalesce((select array_agg(distinct t.slug order by t.slug) from subscription x join topic t on t.id = x.topic_id
                       where x.subscriber_id = s.id), '{}'),
    regions = coalesce((select array_agg(distinct r.slug order by r.slug) from subscription x join region r on r.id = x.region_id
                        where x.subscriber_id = s.id), '{}');

-- The time zone and the consent wording version travel with a pending sign-up until it is confirmed.
alter table confirmation add column zone text;

-- One scheduled run per (frequency, zone, slot): daily and weekly runs are per time zone that has readers;
-- immediate and API-requested runs have no zone (every reader of the frequency). Expression index, since a
-- null zone must still collide with itself.
alter table send_run add column zone text;
alter table send_run drop constraint send_run_frequency_slot_key;
create unique index send_run_slot on send_run (frequency, coalesce(zone, ''), slot);

-- Every opt-in and every change: when, through what, under which wording, from where, and when it was confirmed
-- (a sign-up is confirmed by the mailed link; a change through the manage token is confirmed as it is made).
create table consent (
    id              bigint generated always as identity primary key,
    subscriber_id   bigint not null references subscriber on delete cascade,
    confirmation_id bigint references confirmation on delete set null,
    action          text not null check (action in ('sign-up', 'change', 'stop-follow', 'pause', 'resume', 'unsubscribe')),
    source          text not null check (source in ('form', 'import', 'api', 'preference-centre', 'mail-link')),
    wording_version text,
    choices         jsonb not null default '{}',
    client_ip       text,
    user_agent      text,
    created_at      timestamptz not null,
    confirmed_at    timestamptz
);
create index consent_subscriber on consent (subscriber_id, created_at);
create index consent_confirmation on consent (confirmation_id);

-- "Manage my alerts" mails, counted per reader per day.
create table manage_link_mail (
    subscriber_id bigint not null references subscriber on delete cascade,
    created_at    timestamptz not null
);
create index manage_link_mail_subscriber on manage_link_mail (subscriber_id, created_at);

-- Erased readers: only a peppered SHA-256 of the normalised, lower-cased address, so that an import cannot add
-- them back, while nobody can read the address out of it.
create table suppression (
    address_hash bytea primary key,
    reason       text not null check (reason in ('erased')),
    created_at   timestamptz not null
);
