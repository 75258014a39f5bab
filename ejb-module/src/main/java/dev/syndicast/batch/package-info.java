/** Starting and observing Jakarta Batch jobs. Jobs themselves live in the batch-jobs module. */
package dev.syndicast.batch;
