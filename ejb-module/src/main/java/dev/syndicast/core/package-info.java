/**
 * Cross-cutting foundation every capability uses: schema migrations, the clock, the data directory,
 * messaging resources, health checks and the domain exception family the REST layer maps to error bodies.
 */
package dev.syndicast.core;
