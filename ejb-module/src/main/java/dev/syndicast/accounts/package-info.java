/**
 * Accounts: the social accounts a workspace has connected (OAuth 2.0 with PKCE, or a manual credential for
 * Bluesky and Mastodon), their status, the default account per platform, and the token vault that keeps every
 * access and refresh token encrypted at rest and refreshes tokens before they run out.
 */
package dev.syndicast.accounts;
