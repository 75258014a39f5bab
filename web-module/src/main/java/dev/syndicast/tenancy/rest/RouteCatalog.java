package dev.syndicast.tenancy.rest;

import dev.syndicast.tenancy.control.RateTier;
import jakarta.ws.rs.Path;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The live route model: every resource method of the deployed JAX-RS classes, with what
 * {@link RouteRules} reads from its annotations. The reference publishes it and the tests walk it,
 * so a route added by any capability appears in both without anyone listing it.
 */
public final class RouteCatalog {

    public record Route(String method, String path, String auth, List<String> scopes, boolean operator,
                        String rateTier, List<String> consumes, String summary) {
    }

    private static final List<String> METHOD_ORDER = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private RouteCatalog() {
    }

    public static List<Route> of(Collection<Class<?>> classes) {
        Set<Route> routes = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            if (!type.isAnnotationPresent(Path.class) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (Method method : type.getMethods()) {
                RouteRules.httpMethod(method).ifPresent(http -> {
                    String path = RouteRules.path(type, method);
                    RouteRules.Auth auth = RouteRules.auth(method);
                    List<String> scopes = auth == RouteRules.Auth.API_KEY ? RouteRules.scopes(method) : List.of();
                    RateTier tier = RouteRules.tier(method, path);
                    routes.add(new Route(http, path, auth.wire(), scopes,
                            auth == RouteRules.Auth.API_KEY && RouteRules.operatorOnly(method),
                            auth == RouteRules.Auth.NONE ? null : tier.wire(), RouteRules.consumes(method),
                            RouteRules.summary(method)));
                });
            }
        }
        return routes.stream()
                .sorted(Comparator.comparing(Route::path).thenComparing(r -> order(r.method())))
                .toList();
    }

    private static int order(String method) {
        int index = METHOD_ORDER.indexOf(method);
        return index < 0 ? METHOD_ORDER.size() : index;
    }
}
