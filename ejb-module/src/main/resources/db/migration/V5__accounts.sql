-- Connected accounts, the OAuth connect flow, per-workspace platform credentials, and notifications.
-- Every secret column holds vault ciphertext ("v1:<key id>:<base64>"), never plaintext.

create table connected_accounts (
    id                  uuid primary key,
    workspace_id        uuid          not null references workspaces (id),
    platform            varchar(32)   not null,
    platform_account_id varchar(200)  not null,
    display_name        varchar(200),
    username            varchar(200),
    avatar_url          varchar(2000),
    profile_url         varchar(2000),
    account_type        varchar(32),
    status              varchar(20)   not null
        check (status in ('active', 'token_expired', 'disconnected', 'rate_limited')),
    scopes              text,
    platform_meta       text,
    service_url         varchar(500),
    is_default          boolean       not null default false,
    access_token        text,
    refresh_token       text,
    token_expires_at    timestamptz,
    connected_by        varchar(200),
    connected_at        timestamptz   not null,
    last_used_at        timestamptz,
    disconnected_at     timestamptz,
    updated_at          timestamptz   not null,
    version             bigint        not null default 0
);
-- One live connection per platform identity and workspace; a disconnected one may be connected again.
create unique index connected_accounts_identity on connected_accounts (workspace_id, platform, platform_account_id)
    where status <> 'disconnected';
-- At most one default account per platform and workspace.
create unique index connected_accounts_default on connected_accounts (workspace_id, platform) where is_default;
-- The refresher's question: live accounts whose access token runs out soon.
create index connected_accounts_expiring on connected_accounts (token_expires_at)
    where status = 'active' and refresh_token is not null;

create table oauth_attempts (
    state_hash     varchar(64)  primary key,
    workspace_id   uuid         not null references workspaces (id),
    platform       varchar(32)  not null,
    code_verifier  text         not null,
    redirect_uri   varchar(2000) not null,
    started_by     varchar(200),
    created_at     timestamptz  not null,
    expires_at     timestamptz  not null,
    used_at        timestamptz
);

create table oauth_pending_selections (
    nonce          varchar(64)  primary key,
    workspace_id   uuid         not null references workspaces (id),
    platform       varchar(32)  not null,
    options        text         not null,
    tokens         text         not null,
    started_by     varchar(200),
    created_at     timestamptz  not null,
    expires_at     timestamptz  not null
);

create table platform_credentials (
    workspace_id   uuid         not null references workspaces (id),
    platform       varchar(32)  not null,
    client_id      varchar(500) not null,
    client_secret  text         not null,
    updated_at     timestamptz  not null,
    primary key (workspace_id, platform)
);

create table notifications (
    id            uuid primary key,
    workspace_id  uuid          not null references workspaces (id),
    kind          varchar(64)   not null,
    severity      varchar(16)   not null check (severity in ('info', 'warning', 'error')),
    title         varchar(300)  not null,
    detail        text,
    subject_type  varchar(64),
    subject_id    varchar(100),
    created_at    timestamptz   not null,
    read_at       timestamptz
);
create index notifications_workspace on notifications (workspace_id, created_at desc);
