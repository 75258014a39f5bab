/**
 * Posts' batch artifacts: the CSV post import job reads spreadsheet rows, turns each into a post draft (or a row
 * error with its number and reason), and hands the drafts to the posts boundary.
 */
package dev.syndicast.posts.batch;
