-- Campaigns: a workspace's named body of posts with a status, an optional flat calendar of day entries and a default
-- cadence (both JSON text, written and read by the campaign entity), and the link from a post to its campaign.
-- The posts' free-text campaign column stays as it is: a label clients may still set, not a link (docs/campaigns.md).
create table campaigns (
    id           uuid primary key,
    workspace_id uuid          not null references workspaces (id),
    name         varchar(200)  not null,
    description  text,
    client_type  varchar(100),
    status       varchar(16)   not null check (status in ('draft', 'active', 'archived')),
    calendar     text          not null default '[]',
    cadence      text,
    created_by   varchar(200),
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      bigint        not null default 0
);
create index campaigns_workspace on campaigns (workspace_id, created_at desc);

alter table posts add column campaign_id uuid references campaigns (id);
-- The roll-up (posts of a campaign by status) and a run's draft posts.
create index posts_campaign on posts (campaign_id, status) where campaign_id is not null;
