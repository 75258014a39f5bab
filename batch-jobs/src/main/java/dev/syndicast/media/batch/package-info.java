/** Media's batch artifacts: the bulk media import job reads URLs and hands each to the media library. */
package dev.syndicast.media.batch;
