package dev.syndicast.core.web;

import dev.syndicast.core.rest.ErrorBody;
import dev.syndicast.core.rest.JsonbConfiguration;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's own error replies (a path JAX-RS never sees, such as {@code /WEB-INF/...}, a failure outside
 * JAX-RS) in the one JSON error body instead of Payara's HTML page. web.xml sends every error status here.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    public static final String PATH = "/container-error";
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create(JsonbConfiguration.config());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly, this path names no resource.
        int status = code instanceof Integer known && known >= 400 ? known : 404;
        String detail = detail(status);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500) {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "event=unexpected_error reference=" + reference,
                    failure instanceof Throwable t ? t : null);
            detail = "Unexpected server error; quote reference " + reference + " when reporting it";
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSONB.toJson(new ErrorBody(ErrorBody.errorName(status), detail,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), null)));
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (its path, query string or headers)";
            case 404 -> "No resource at this path";
            case 405 -> "Method not allowed here";
            case 413 -> "Request body is too large";
            case 414 -> "Request URI is too long";
            case 415 -> "Unsupported media type";
            default -> ErrorBody.errorName(status);
        };
    }
}
