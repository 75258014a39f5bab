-- The language of a post (a BCP 47 tag such as en or pt-BR, as java.util.Locale writes it), handed to the platforms
-- that take one (Bluesky's langs, Mastodon's language). Null: none given, and none is sent.
alter table posts add column language varchar(35);
