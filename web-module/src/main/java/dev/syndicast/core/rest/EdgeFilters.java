package dev.syndicast.core.rest;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;

import java.util.EnumSet;
import java.util.List;

/**
 * The servlet filters in front of every request, in this order (annotations cannot order filters): the security
 * headers first, so every reply has them, including the answers of the filters after it; then CORS, which answers
 * preflights; then the slow-body guard, which must run before anything reads a body.
 */
@WebListener
public class EdgeFilters implements ServletContextListener {

    static final List<Class<? extends HttpFilter>> IN_ORDER = List.of(SecurityHeaders.class, Cors.class, SlowBodyGuard.class);

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        for (Class<? extends HttpFilter> filter : IN_ORDER) {
            FilterRegistration.Dynamic registration = context.addFilter(filter.getSimpleName(), filter);
            registration.setAsyncSupported(true);
            registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
    }
}
