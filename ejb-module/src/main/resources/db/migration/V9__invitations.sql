-- Invitations: adding a person who already has an account (in any workspace) asks for their consent. The
-- membership exists only once they accept with their own session; until then the inviting workspace learns
-- nothing about them.
create table invitations (
    id            uuid primary key,
    workspace_id  uuid         not null references workspaces (id) on delete cascade,
    user_id       uuid         not null references users (id) on delete cascade,
    role          varchar(16)  not null check (role in ('ADMIN', 'STAFF', 'CLIENT')),
    invited_by    varchar(200),
    status        varchar(16)  not null check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED')),
    created_at    timestamptz  not null,
    expires_at    timestamptz  not null,
    answered_at   timestamptz
);
-- One open invitation per person and workspace.
create unique index invitations_pending on invitations (workspace_id, user_id) where status = 'PENDING';
create index invitations_user on invitations (user_id);
