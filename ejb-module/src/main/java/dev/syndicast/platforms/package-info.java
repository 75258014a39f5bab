/**
 * Platforms: the registry of what each social platform accepts (caption and media limits, threads, carousels,
 * hashtags, a default daily posting cap), how Syndicast connects to it (OAuth 2.0 endpoints or a manual
 * credential) and whether publishing to it is wired. Defaults come from the platforms' published documentation;
 * every value can be overridden per deployment with MicroProfile Config.
 */
package dev.syndicast.platforms;
