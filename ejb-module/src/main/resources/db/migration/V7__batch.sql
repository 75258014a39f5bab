-- What each batch job did with each item: the per-item results and the downloadable error report.
-- Keyed by job instance (not execution), so a restarted run adds to the same report instead of repeating it.
create table batch_item_results (
    job_instance_id  bigint        not null,
    item_number      bigint        not null,
    workspace_id     uuid          not null references workspaces (id),
    job_name         varchar(64)   not null,
    item             varchar(1000) not null,
    outcome          varchar(8)    not null check (outcome in ('ok', 'error')),
    detail           text,
    reference        varchar(200),
    recorded_at      timestamptz   not null,
    primary key (job_instance_id, item_number)
);
create index batch_item_results_errors on batch_item_results (job_instance_id, item_number) where outcome = 'error';
