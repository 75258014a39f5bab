-- Multi-step publishes (upload media, wait for the platform to process it, then create the post): the connector's
-- note of the steps done so far (platform-side ids such as media or container ids), stored before the next call so
-- a restart resumes from the last step instead of starting over.
alter table publish_jobs add column platform_state text;
