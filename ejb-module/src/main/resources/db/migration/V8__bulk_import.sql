-- Bulk post import (a 100,000-row CSV): every foreign key is a trigger call per row.
-- publish_jobs.post_id and publish_jobs.workspace_id copy what target_id already pins down (a target belongs to one
-- post, a post to one workspace; deleting a post still removes its jobs through the targets' cascade). Their own
-- foreign keys checked the same facts a second and a third time; the columns stay for the dispatcher's queries.
alter table publish_jobs drop constraint publish_jobs_post_id_fkey;
alter table publish_jobs drop constraint publish_jobs_workspace_id_fkey;
