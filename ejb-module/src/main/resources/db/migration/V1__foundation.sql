-- Foundation: workspaces, API keys, and the durable task table the dispatcher polls.

create table workspaces (
    id          uuid primary key,
    slug        varchar(64)  not null unique,
    name        varchar(200) not null,
    created_at  timestamptz  not null
);

create table api_keys (
    id            uuid primary key,
    workspace_id  uuid         not null references workspaces (id),
    name          varchar(100) not null,
    key_prefix    varchar(16)  not null,
    key_hash      varchar(64)  not null unique,
    scopes        text         not null,
    created_at    timestamptz  not null,
    last_used_at  timestamptz,
    expires_at    timestamptz,
    revoked_at    timestamptz
);
create index api_keys_workspace on api_keys (workspace_id);

create table scheduled_tasks (
    id             uuid primary key,
    kind           varchar(64) not null,
    payload        text,
    status         varchar(16) not null
        check (status in ('PENDING', 'DISPATCHED', 'DONE', 'FAILED', 'CANCELLED')),
    run_at         timestamptz not null,
    attempts       integer     not null default 0,
    max_attempts   integer     not null,
    deliveries     integer     not null default 0,
    dispatched_at  timestamptz,
    completed_at   timestamptz,
    last_error     text,
    result         text,
    created_at     timestamptz not null,
    version        bigint      not null default 0
);
-- The dispatcher's two questions, each answered by a small partial index.
create index scheduled_tasks_due on scheduled_tasks (run_at) where status = 'PENDING';
create index scheduled_tasks_dispatched on scheduled_tasks (dispatched_at) where status = 'DISPATCHED';
create index scheduled_tasks_finished on scheduled_tasks (completed_at) where status in ('DONE', 'FAILED', 'CANCELLED');
