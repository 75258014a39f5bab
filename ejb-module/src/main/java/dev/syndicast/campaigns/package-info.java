/**
 * Campaigns: a workspace's named body of posts with a status (draft, active, archived), an optional day-by-day
 * calendar and a default cadence, the roll-up of its posts and the run that schedules its draft posts along the
 * calendar or cadence under the planner's rules. Posts link to a campaign by its id.
 */
package dev.syndicast.campaigns;
