package dev.syndicast.tenancy.rest;

import dev.syndicast.tenancy.control.RateTier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a route in a rate-limit tier explicitly. Without it, routes needing {@code ai:generate} or under
 * {@code /ai/} are AI routes, routes with a {@code bulk} path segment are bulk routes, the rest standard.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {

    RateTier value();
}
