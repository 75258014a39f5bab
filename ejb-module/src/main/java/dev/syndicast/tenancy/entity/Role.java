package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a person may do in one workspace (admin, staff, client). A role caps the scopes of the
 * keys its holder creates, and a key never grants more than its owner's current role, so demoting someone
 * narrows their keys at once.
 */
public enum Role {

    /** Everything, including "*", member management and settings. */
    ADMIN(EnumSet.allOf(Scope.class)),
    /** Day-to-day content work; no "*", no settings or webhook changes, no disconnecting accounts. */
    STAFF(EnumSet.complementOf(EnumSet.of(Scope.ALL, Scope.SETTINGS_WRITE, Scope.WEBHOOKS_WRITE,
            Scope.CONNECTIONS_WRITE, Scope.AUDIT_LOGS_READ))),
    /** A client of the agency: reads and creates posts, reviews them, reads its inbox. */
    CLIENT(EnumSet.of(Scope.POSTS_READ, Scope.POSTS_WRITE, Scope.REVIEW_READ, Scope.REVIEW_WRITE,
            Scope.INBOX_READ, Scope.INBOX_WRITE, Scope.NOTIFICATIONS_READ, Scope.PLATFORMS_READ,
            Scope.SCHEDULE_READ, Scope.SETTINGS_READ, Scope.MEDIA_LIBRARY_READ, Scope.ANALYTICS_READ));

    private final Set<String> grantable;

    Role(Set<Scope> grantable) {
        this.grantable = grantable.stream().map(Scope::wire).collect(Collectors.toUnmodifiableSet());
    }

    public boolean mayGrant(String scope) {
        return grantable.contains(Scope.ALL.wire()) || grantable.contains(scope);
    }

    public Set<String> grantable() {
        return grantable;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.wire().equalsIgnoreCase(value.strip())) {
                    return role;
                }
            }
        }
        throw new InvalidInputException("role must be one of " + Arrays.stream(values()).map(Role::wire).toList());
    }
}
