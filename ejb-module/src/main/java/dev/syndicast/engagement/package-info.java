/**
 * Engagement: what Syndicast tells a workspace about itself. So far the operational notifications (a token that could
 * not be refreshed, later failed publishes and queue problems) that the external API v1's notifications route lists.
 */
package dev.syndicast.engagement;
