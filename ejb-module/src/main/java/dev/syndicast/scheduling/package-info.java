/**
 * Durable work with a due time: the database holds every task and its run_at, a one-second EJB timer
 * wakes the dispatcher, which claims due rows (FOR UPDATE SKIP LOCKED) and hands their ids to a JMS
 * queue; an MDB runs the task's handler. Several instances can run side by side without running a task twice.
 */
package dev.syndicast.scheduling;
