package dev.syndicast.tenancy.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route only a logged-in person may call, with the session token from login as Bearer (the key
 * lifecycle and the password change are session-auth only). API keys are refused here, so a leaked key cannot
 * mint more keys.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SessionRoute {
}
