/**
 * Publishing's batch artifacts: the folder upload reads video + caption pairs from a server folder and has
 * each imported into the media library and scheduled for the chosen platforms at a start time and interval.
 */
package dev.syndicast.publishing.batch;
