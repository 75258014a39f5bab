/**
 * Starting and observing Jakarta Batch jobs, and the outcome of every item a job handles. Jobs themselves live in the
 * batch-jobs module; the capabilities whose jobs they are (posts, media, publishing) sit above this one and do the
 * items' work through ports they declare.
 */
package dev.syndicast.batch;
