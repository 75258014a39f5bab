/**
 * Operating Syndicast: overall health (database, broker, data directory) for the system API's {@code GET /health}
 * and MicroProfile Health, and the self-test task that proves database, timer, JMS and MDB work end to end.
 */
package dev.syndicast.system;
