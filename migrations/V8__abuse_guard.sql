-- Counters of the abuse guard (sign-up and manage-link forms): one row per limit, key and fixed time window,
-- shared by every instance. A request bumps its row with one atomic upsert and learns the new count from it.
-- key is the SHA-256 of what is counted (the limit's form, and the client's network or normalised mailbox),
-- never the address itself. Rows whose window has ended are deleted by the instances as they write.
create table guard_counter (
    limit_name   text        not null check (limit_name in ('ip', 'mailbox', 'global')),
    key          bytea       not null,
    window_start timestamptz not null,
    window_end   timestamptz not null,
    hits         integer     not null,
    primary key (limit_name, key, window_start)
);

-- The clean-up deletes by window end.
create index guard_counter_window_end on guard_counter (window_end);
