/**
 * Analytics: what the workspace's posting history says. Today that is the best times to post per platform
 * ({@code control.BestTimesSource}), the one source both the best-time answers and the smart-scheduling planner read:
 * the engagement of the workspace's own published posts once Syndicast collects it, until then the platform's default
 * best hours ({@code planning.control.DefaultBestTimes}).
 */
package dev.syndicast.analytics;
