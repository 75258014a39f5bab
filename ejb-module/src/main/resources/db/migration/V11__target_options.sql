-- A post target's platform-specific settings (YouTube's privacy status, Reddit's subreddit, a Pinterest board...):
-- a JSON object checked against the platform's documented options when the post is made; null when it has none.
alter table post_targets add column options text;
