/**
 * Engagement: what Syndicast tells a workspace about itself. So far the operational notifications (a token that
 * could not be refreshed, later failed publishes and queue problems) that seed 001's notifications route lists.
 */
package dev.syndicast.engagement;
