/** What the batch artifacts of every capability share (reading CSV files). */
package dev.syndicast.batch;
