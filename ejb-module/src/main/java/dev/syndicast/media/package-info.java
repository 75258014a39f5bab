/**
 * The media library: items per workspace (imported from a URL, uploaded, or put through a signed URL),
 * their storage behind {@link dev.syndicast.media.control.MediaStorage}, probing with ffmpeg, folders and tags.
 */
package dev.syndicast.media;
