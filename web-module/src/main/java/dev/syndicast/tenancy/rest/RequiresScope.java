package dev.syndicast.tenancy.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a route needs; several mean "any of them" ("posts:read or media-library:read"), and
 * an empty list means any valid key (whoami). Checked once, by {@link ApiKeyFilter}; resource methods never
 * check keys themselves. A route with neither this, {@link SessionRoute} nor {@link PublicRoute} needs an
 * admin key ({@code *}): forgetting the annotation can only make a route stricter.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {

    String[] value();
}
