/**
 * Publishing: one publish job per post target, the dispatcher that hands due jobs to the publish queue, the
 * listener that publishes through a platform connector, retries with back-off, outcome checks after timeouts, the
 * sandbox connector, and the external scheduling API.
 */
package dev.syndicast.publishing;
