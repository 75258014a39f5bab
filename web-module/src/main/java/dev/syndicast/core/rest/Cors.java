package dev.syndicast.core.rest;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cross-origin access for browser clients, off unless {@code syndicast.http.cors.allowed-origins} names origins
 * (or {@code *}). A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered here, before
 * authentication: browsers never send credentials with it. Keys travel in headers, not cookies, so no
 * Allow-Credentials.
 * Registered by {@link EdgeFilters}.
 */
public class Cors extends HttpFilter {

    static final String ALLOWED_HEADERS = "Authorization, Content-Type, x-api-key, X-Org-Id, Idempotency-Key";
    static final String EXPOSED_HEADERS = "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Request-Id, Location";
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";

    @Inject
    @ConfigProperty(name = "syndicast.http.cors.allowed-origins", defaultValue = " ")
    String allowedOrigins;

    @Inject
    @ConfigProperty(name = "syndicast.http.cors.max-age-seconds", defaultValue = "600")
    int maxAgeSeconds;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        boolean preflight = "OPTIONS".equals(request.getMethod()) && origin != null
                && request.getHeader("Access-Control-Request-Method") != null;
        if (origin == null) {
            chain.doFilter(request, response);
            return;
        }
        response.addHeader("Vary", "Origin");
        boolean allowed = allows(origin);
        if (preflight) {
            if (!allowed) {
                ServletErrors.write(response, 403, "Origin " + origin + " is not allowed (syndicast.http.cors.allowed-origins)");
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", String.valueOf(maxAgeSeconds));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        chain.doFilter(request, response);
    }

    boolean allows(String origin) {
        List<String> origins = Arrays.stream(allowedOrigins.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
        String normalized = origin.strip().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty()) {
            return false;
        }
        return origins.contains("*") || origins.stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).replaceAll("/+$", "").equals(normalized));
    }
}
