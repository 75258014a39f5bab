package dev.syndicast.core.rest;

import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The common error body, for servlet filters that answer before JAX-RS (and its mappers) is reached. */
final class ServletErrors {

    /**
     * Looked up once: {@code Json.createObjectBuilder()} searches the class path for a provider on every call, which
     * under a flood of refusals kept 150 worker threads waiting on the class loader.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ServletErrors() {
    }

    static void write(HttpServletResponse response, int status, String detail) throws IOException {
        byte[] body = JSON.createObjectBuilder()
                .add("error", ErrorBody.errorName(status))
                .add("detail", detail)
                .add("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
