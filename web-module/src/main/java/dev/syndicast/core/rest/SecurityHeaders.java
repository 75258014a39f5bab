package dev.syndicast.core.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Headers every reply carries, set before anything else runs so that errors and early refusals carry them too.
 * The API answers JSON and media, never pages to render: no sniffing, a policy that loads nothing, no framing.
 * Replies are not stored by any cache ({@code no-store}): most carry or follow a key or token; a resource that may
 * be cached (documentation assets, media with their ETag) sets its own Cache-Control, which replaces this one.
 * Registered by {@link EdgeFilters}.
 */
public class SecurityHeaders extends HttpFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", API_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        chain.doFilter(request, response);
    }
}
