/**
 * Workspaces and API keys. Keys are stored only as SHA-256 hashes; the raw key is shown once.
 * The bootstrap key makes a fresh installation usable before anyone has created keys.
 */
package dev.syndicast.tenancy;
