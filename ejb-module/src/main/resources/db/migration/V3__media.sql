-- Media library: items per workspace, explicit content folders, and single-use signed upload grants.

create table media_items (
    id                uuid primary key,
    workspace_id      uuid         not null references workspaces (id),
    -- Known once the first bytes have been sniffed; null while a transfer has not started.
    kind              varchar(8)   check (kind in ('VIDEO', 'IMAGE', 'GIF')),
    status            varchar(16)  not null check (status in ('UPLOADING', 'PROCESSING', 'READY', 'FAILED')),
    storage_path      varchar(500),
    size_bytes        bigint,
    checksum_sha256   char(64),
    mime_type         varchar(100),
    source_url        text,
    original_filename varchar(500),
    alt_text          text,
    tags              text[]       not null default '{}',
    folder_path       varchar(500) not null default '',
    error             text,
    duplicate_of      uuid,
    import_task_id    uuid,
    duration_seconds  double precision,
    width             integer,
    height            integer,
    frame_rate        double precision,
    video_codec       varchar(64),
    audio_codec       varchar(64),
    bitrate           bigint,
    thumbnail_path    varchar(500),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    version           bigint       not null default 0
);
create index media_items_workspace_created on media_items (workspace_id, created_at desc, id);
create index media_items_workspace_folder on media_items (workspace_id, folder_path);
-- Dedupe looks up ready items by content; storage paths are content-addressed and shared by duplicates.
create index media_items_checksum on media_items (workspace_id, checksum_sha256) where status = 'READY';
create index media_items_storage_path on media_items (workspace_id, storage_path);
create index media_items_tags on media_items using gin (tags);

create table content_folders (
    id            uuid primary key,
    workspace_id  uuid         not null references workspaces (id),
    scope         varchar(8)   not null check (scope in ('POSTS', 'MEDIA')),
    path          varchar(500) not null,
    created_at    timestamptz  not null,
    unique (workspace_id, scope, path)
);

create table media_upload_grants (
    id            uuid primary key,
    workspace_id  uuid         not null references workspaces (id),
    expires_at    timestamptz  not null,
    max_bytes     bigint       not null,
    filename      varchar(500),
    alt_text      text,
    tags          text[]       not null default '{}',
    folder_path   varchar(500) not null default '',
    created_at    timestamptz  not null,
    -- Set by the one PUT that may use the grant (an atomic update: a second PUT finds it set).
    used_at       timestamptz,
    media_item_id uuid
);
create index media_upload_grants_expiry on media_upload_grants (expires_at) where used_at is null;
