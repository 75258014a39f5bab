package dev.syndicast.tenancy.rest;

import dev.syndicast.tenancy.control.Caller;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/** The authenticated caller of the current request, set by {@link ApiKeyFilter}. */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    public Caller require() {
        if (caller == null) {
            throw new IllegalStateException("No authenticated caller on a protected route");
        }
        return caller;
    }
}
