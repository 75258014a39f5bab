package dev.syndicast.core.rest;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The common error body, for servlet filters that answer before JAX-RS (and its mappers) is reached. */
final class ServletErrors {

    private ServletErrors() {
    }

    static void write(HttpServletResponse response, int status, String detail) throws IOException {
        byte[] body = Json.createObjectBuilder()
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
