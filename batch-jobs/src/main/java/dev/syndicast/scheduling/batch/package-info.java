/** Batch artifacts of the scheduling capability: housekeeping of finished tasks. */
package dev.syndicast.scheduling.batch;
