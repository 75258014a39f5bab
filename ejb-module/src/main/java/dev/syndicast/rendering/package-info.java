/**
 * Video generation: a prompt becomes a narrated vertical slideshow MP4, offline. A session moves
 * through six stages (researching, scripting, asset_sourcing, audio_generation, video_assembly, finalizing);
 * each stage is one JMS message on {@code syndicast.render}, run by {@code RenderListener} in the delivery's
 * transaction, which sends the next stage's message when it commits. The database row is the truth about where a
 * session is: a redelivered message (after a crash or restart) re-runs only the unfinished stage from the files the
 * finished ones left. A dedicated queue instead of the durable task table: stages follow each other at once (the
 * task dispatcher would add up to a second per hop) and a failed stage fails its session instead of retrying with
 * back-off. {@code RenderAdmission} keeps at most {@code syndicast.render.max-concurrent} sessions processing.
 */
package dev.syndicast.rendering;
