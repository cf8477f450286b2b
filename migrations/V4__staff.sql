-- Staff: people who sign in to /admin, the API tokens admins hand out, failed sign-ins (throttling shared by every
-- instance) and the audit log of what staff did.

create table staff_user (
    id            bigint generated always as identity primary key,
    email         text not null,
    display_name  text not null,
    role          text not null check (role in ('editor', 'admin')),
    -- DelegatingPasswordEncoder format: '{bcrypt}$2a$...', so the algorithm can change without a migration
    password_hash text not null,
    enabled       boolean not null default true,
    created_at    timestamptz not null,
    last_login_at timestamptz
);
create unique index staff_user_email_key on staff_user (lower(email));

-- One row per failed sign-in. Counting rows in a sliding window needs no reset logic and works across instances.
create table login_failure (
    id             bigint generated always as identity primary key,
    -- the lower-cased name typed, whether or not such an account exists (same answer for unknown accounts)
    account        text not null,
    remote_address text not null,
    failed_at      timestamptz not null
);
create index login_failure_account on login_failure (account, failed_at);
create index login_failure_address on login_failure (remote_address, failed_at);

create table api_token (
    id           bigint generated always as identity primary key,
    name         text not null,
    -- SHA-256 of the token; the token itself is shown once and stored nowhere
    token_hash   bytea not null unique,
    created_by   text not null,
    created_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create unique index api_token_live_name on api_token (lower(name)) where revoked_at is null;

create table audit_log (
    id             bigint generated always as identity primary key,
    at             timestamptz not null,
    actor          text not null,
    action         text not null,
    target         text,
    detail         text,
    remote_address text
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_actor on audit_log (lower(actor), at desc);
create index audit_log_action on audit_log (action, at desc);
