-- Tenancy and access: people, their roles per workspace, sessions, agent keys, settings, audit log, rate limits.

create table users (
    id                   uuid primary key,
    email                varchar(254) not null,
    display_name         varchar(200) not null,
    password_hash        varchar(512) not null,
    created_at           timestamptz  not null,
    password_changed_at  timestamptz  not null
);
-- Emails are compared case-insensitively; the entity stores them lower-cased.
create unique index users_email on users (email);

create table memberships (
    user_id       uuid        not null references users (id) on delete cascade,
    workspace_id  uuid        not null references workspaces (id) on delete cascade,
    role          varchar(16) not null check (role in ('ADMIN', 'STAFF', 'CLIENT')),
    created_at    timestamptz not null,
    primary key (user_id, workspace_id)
);
create index memberships_workspace on memberships (workspace_id);

create table user_sessions (
    id            uuid primary key,
    user_id       uuid        not null references users (id) on delete cascade,
    workspace_id  uuid        not null references workspaces (id) on delete cascade,
    token_hash    varchar(64) not null unique,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    revoked_at    timestamptz
);
create index user_sessions_user on user_sessions (user_id);

-- A key belongs to the person who made it (null for the bootstrap key). An agent key may act for
-- every workspace listed in api_key_workspaces and must name one with X-Org-Id.
alter table api_keys add column owner_id uuid references users (id) on delete set null;
alter table api_keys add column agent boolean not null default false;
create table api_key_workspaces (
    api_key_id    uuid not null references api_keys (id) on delete cascade,
    workspace_id  uuid not null references workspaces (id) on delete cascade,
    primary key (api_key_id, workspace_id)
);

create table workspace_settings (
    workspace_id      uuid primary key references workspaces (id) on delete cascade,
    display_name      varchar(200),
    contact_email     varchar(254),
    website           varchar(500),
    timezone          varchar(64) not null,
    min_gap_minutes   integer     not null,
    updated_at        timestamptz not null
);
create table posting_windows (
    workspace_id  uuid        not null references workspace_settings (workspace_id) on delete cascade,
    position      integer     not null,
    day_of_week   varchar(9)  not null,
    start_time    time        not null,
    end_time      time        not null,
    primary key (workspace_id, position)
);

create table audit_logs (
    id             uuid primary key,
    workspace_id   uuid         not null references workspaces (id) on delete cascade,
    actor_kind     varchar(8)   not null check (actor_kind in ('KEY', 'USER')),
    actor_id       uuid,
    actor_name     varchar(254) not null,
    action         varchar(200) not null,
    target         varchar(500),
    status         integer      not null,
    summary        varchar(500),
    request_id     varchar(64),
    created_at     timestamptz  not null
);
create index audit_logs_workspace_time on audit_logs (workspace_id, created_at desc);

-- Fixed-window request counters, shared by every instance: one row per caller, tier and window.
create table rate_limit_windows (
    bucket        varchar(100) not null,
    window_start  timestamptz  not null,
    hits          integer      not null,
    primary key (bucket, window_start)
);
create index rate_limit_windows_start on rate_limit_windows (window_start);
