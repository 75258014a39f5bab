/**
 * Posts: content with per-platform overrides, thread parts, media references and organisation metadata, the
 * targets it goes to (platform, account, time), and the status machine of the post and of each target.
 */
package dev.syndicast.posts;
