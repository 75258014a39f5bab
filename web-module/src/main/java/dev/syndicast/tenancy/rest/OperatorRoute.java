package dev.syndicast.tenancy.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An installation-wide operation rather than one tenant's data (tasks, batch jobs, creating workspaces): besides
 * its scope it needs the operator, i.e. an admin key ({@code *}) of the default workspace. Workspace admins
 * elsewhere get 403, so no tenant reaches what all tenants share.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OperatorRoute {
}
