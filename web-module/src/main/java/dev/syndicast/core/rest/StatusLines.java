package dev.syndicast.core.rest;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Grizzly, Payara's HTTP layer, has no reason phrase for 422 and 429 and writes {@code HTTP/1.1 429 CUSTOM}, which
 * clients and proxies show as is. Its status table has no public way in, so the two phrases are added once at
 * start-up, through the container's own class loader. Should a later Payara change the table, the status codes
 * stay right and only the phrase falls back (logged once).
 */
@WebListener
public class StatusLines implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(StatusLines.class.getName());
    private static final String TABLE = "org.glassfish.grizzly.http.util.HttpStatus";
    static final Map<Integer, String> MISSING = Map.of(422, "Unprocessable Content", 429, "Too Many Requests");

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            Class<?> table = event.getServletContext().getClass().getClassLoader().loadClass(TABLE);
            Method lookup = table.getMethod("getHttpStatus", int.class);
            Method phrase = table.getMethod("getReasonPhrase");
            Method register = table.getDeclaredMethod("register", int.class, String.class);
            register.setAccessible(true);
            for (Map.Entry<Integer, String> status : MISSING.entrySet()) {
                if ("CUSTOM".equals(phrase.invoke(lookup.invoke(null, status.getKey())))) {
                    register.invoke(null, status.getKey(), status.getValue());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warning(() -> "event=status_lines_unchanged reason=\"" + e + "\": 422 and 429 keep the server's reason phrase");
        }
    }
}
