package dev.syndicast.analytics.entity;

import java.time.DayOfWeek;

/** One hour of the week in the workspace's local time and how good it is for posting ({@code score} 0-1, 1 the best). */
public record BestHour(DayOfWeek day, int hour, double score) {
}
