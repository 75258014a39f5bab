-- Video generation (seed 004): one row per session, one per working stage of a session.

create table render_sessions (
    id                    uuid primary key,
    workspace_id          uuid         not null references workspaces (id),
    user_id               varchar(200),
    prompt                text         not null,
    duration_preference   integer      not null check (duration_preference between 10 and 600),
    style                 varchar(16)  not null,
    voice_preference      varchar(100) not null,
    quality               varchar(16)  not null,
    status                varchar(16)  not null
        check (status in ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    stage                 varchar(32)  not null,
    progress              double precision not null default 0,
    error_message         text,
    estimated_completion  timestamptz,
    keep_files            boolean      not null default false,
    output_path           text,
    media_ref             varchar(200),
    video_width           integer,
    video_height          integer,
    video_duration_ms     bigint,
    file_size             bigint,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    started_at            timestamptz,
    finished_at           timestamptz,
    version               bigint       not null default 0
);
-- Listing a workspace's sessions newest first; admission looks for the oldest queued; cleanup for old finished ones.
create index render_sessions_workspace on render_sessions (workspace_id, created_at desc);
create index render_sessions_queued on render_sessions (created_at) where status = 'QUEUED';
create index render_sessions_finished on render_sessions (finished_at) where status in ('COMPLETED', 'FAILED', 'CANCELLED');

create table render_stages (
    id                 uuid primary key,
    session_id         uuid             not null references render_sessions (id) on delete cascade,
    stage              varchar(32)      not null,
    progress           double precision not null default 0,
    start_time         timestamptz,
    end_time           timestamptz,
    estimated_seconds  double precision not null,
    unique (session_id, stage)
);
