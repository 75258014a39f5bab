-- Posts, their targets (one platform account and time each), publish jobs (one per target), and the stored replies
-- of creating requests sent with an Idempotency-Key.

create table posts (
    id                 uuid primary key,
    workspace_id       uuid          not null references workspaces (id),
    status             varchar(24)   not null
        check (status in ('draft', 'scheduled', 'publishing', 'published', 'partially_published', 'failed', 'cancelled')),
    text               text,
    title              varchar(500),
    platform_overrides text,
    thread_parts       text,
    media              text,
    hashtags           text,
    tags               text,
    labels             text,
    category           varchar(32),
    folder_path        varchar(500),
    campaign           varchar(200),
    source_id          varchar(200),
    source_system      varchar(200),
    video_id           varchar(200),
    created_by         varchar(200),
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    published_at       timestamptz,
    version            bigint        not null default 0
);
create index posts_workspace on posts (workspace_id, created_at desc);
create index posts_source on posts (workspace_id, source_id) where source_id is not null;

create table post_targets (
    id             uuid primary key,
    post_id        uuid          not null references posts (id) on delete cascade,
    position       integer       not null,
    platform       varchar(32)   not null,
    account_id     uuid          not null references connected_accounts (id),
    scheduled_at   timestamptz,
    text           text,
    title          varchar(500),
    caption        text,
    status         varchar(24)   not null
        check (status in ('draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled')),
    external_id    varchar(500),
    external_url   varchar(2000),
    last_error     text,
    published_at   timestamptz,
    version        bigint        not null default 0
);
create index post_targets_post on post_targets (post_id);

create table publish_jobs (
    id               uuid primary key,
    workspace_id     uuid          not null references workspaces (id),
    post_id          uuid          not null references posts (id) on delete cascade,
    target_id        uuid          not null references post_targets (id) on delete cascade,
    status           varchar(24)   not null
        check (status in ('pending', 'dispatched', 'publishing', 'outcome_unknown', 'published', 'failed', 'cancelled')),
    run_at           timestamptz   not null,
    -- Bumped on every dispatch and reschedule: a message of an older dispatch is ignored when it arrives.
    generation       integer       not null default 0,
    verify_first     boolean       not null default false,
    attempts         integer       not null default 0,
    max_attempts     integer       not null,
    checks           integer       not null default 0,
    idempotency_key  varchar(100)  not null unique,
    dispatched_at    timestamptz,
    started_at       timestamptz,
    completed_at     timestamptz,
    last_error       text,
    external_id      varchar(500),
    external_url     varchar(2000),
    created_at       timestamptz   not null,
    version          bigint        not null default 0
);
-- The dispatcher's two questions: what is due, and which claims outlived their lease.
create index publish_jobs_due on publish_jobs (run_at) where status in ('pending', 'outcome_unknown');
create index publish_jobs_in_flight on publish_jobs (dispatched_at) where status in ('dispatched', 'publishing');
create index publish_jobs_workspace on publish_jobs (workspace_id, run_at);
create index publish_jobs_target on publish_jobs (target_id);

create table idempotency_keys (
    workspace_id   uuid          not null references workspaces (id),
    key            varchar(200)  not null,
    route          varchar(200)  not null,
    request_hash   varchar(64)   not null,
    status         integer       not null,
    body           text          not null,
    location       varchar(500),
    created_at     timestamptz   not null,
    primary key (workspace_id, key)
);
