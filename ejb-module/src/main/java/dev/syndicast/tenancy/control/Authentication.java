package dev.syndicast.tenancy.control;

import java.util.Optional;

/**
 * The outcome of checking a credential and the tenant header. The filter turns each failure into its
 * documented reply; the reasons stay coarse on purpose (an unknown, revoked or expired key look alike).
 */
public record Authentication(Caller caller, Failure failure, String detail) {

    public enum Failure {
        /** 401: no such credential, or revoked, or expired. */
        INVALID_CREDENTIAL,
        /** 400: an agent key without X-Org-Id (a tenant-header error, not a credential 401). */
        TENANT_HEADER_REQUIRED,
        /** 403: X-Org-Id names a workspace this credential may not act for. */
        TENANT_FORBIDDEN
    }

    public static final String TENANT_HEADER_REQUIRED_DETAIL = "X-Org-Id header is required for AI agent requests";
    public static final String TENANT_FORBIDDEN_DETAIL = "Token lacks access to this org";

    public static Authentication ok(Caller caller) {
        return new Authentication(caller, null, null);
    }

    public static Authentication invalid() {
        return new Authentication(null, Failure.INVALID_CREDENTIAL, "Invalid, revoked or expired credential");
    }

    public static Authentication tenantHeaderRequired() {
        return new Authentication(null, Failure.TENANT_HEADER_REQUIRED, TENANT_HEADER_REQUIRED_DETAIL);
    }

    public static Authentication tenantForbidden() {
        return new Authentication(null, Failure.TENANT_FORBIDDEN, TENANT_FORBIDDEN_DETAIL);
    }

    public Optional<Caller> success() {
        return Optional.ofNullable(caller);
    }
}
