package dev.syndicast.tenancy.rest;

import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.tenancy.entity.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a route's annotations mean, in one place: the filter enforces it and the reference publishes it,
 * so the two cannot disagree.
 */
public final class RouteRules {

    public enum Auth {
        NONE("none"), SESSION("session"), API_KEY("external-api-key");

        private final String wire;

        Auth(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** "{id: [0-9]+}" becomes "{id}": the reference shows parameters, not their regular expressions. */
    private static final Pattern PARAM_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");

    private RouteRules() {
    }

    public static Auth auth(Method method) {
        if (annotated(method, PublicRoute.class)) {
            return Auth.NONE;
        }
        if (annotated(method, SessionRoute.class)) {
            return Auth.SESSION;
        }
        return Auth.API_KEY;
    }

    public static boolean operatorOnly(Method method) {
        return annotated(method, OperatorRoute.class);
    }

    /** Method first, then class; no annotation means "*". An empty list means any valid key. */
    public static List<String> scopes(Method method) {
        RequiresScope scope = method.getAnnotation(RequiresScope.class);
        if (scope == null) {
            scope = method.getDeclaringClass().getAnnotation(RequiresScope.class);
        }
        return scope == null ? List.of(Scope.ALL.wire()) : List.of(scope.value());
    }

    public static RateTier tier(Method method, String path) {
        RateLimited explicit = method.getAnnotation(RateLimited.class);
        if (explicit == null) {
            explicit = method.getDeclaringClass().getAnnotation(RateLimited.class);
        }
        if (explicit != null) {
            return explicit.value();
        }
        if (scopes(method).contains(Scope.AI_GENERATE.wire()) || path.contains("/ai/") || path.endsWith("/ai")) {
            return RateTier.AI;
        }
        if (Arrays.asList(path.split("/")).contains("bulk")) {
            return RateTier.BULK;
        }
        return RateTier.STANDARD;
    }

    /** The HTTP method of a resource method, or empty for a sub-resource locator or a plain method. */
    public static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return Optional.of(http.value());
            }
        }
        return Optional.empty();
    }

    /** The route's template, absolute: class {@code @Path} joined with method {@code @Path}. */
    public static String path(Class<?> resource, Method method) {
        Path classPath = resource.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String joined = "/" + strip(classPath == null ? "" : classPath.value())
                + "/" + strip(methodPath == null ? "" : methodPath.value());
        String normalised = PARAM_REGEX.matcher(joined.replaceAll("/+", "/")).replaceAll("{$1}");
        return normalised.length() > 1 && normalised.endsWith("/")
                ? normalised.substring(0, normalised.length() - 1) : normalised;
    }

    /** The media types a route accepts ({@code @Consumes}, method first, then class); empty when it names none. */
    public static List<String> consumes(Method method) {
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = method.getDeclaringClass().getAnnotation(Consumes.class);
        }
        return consumes == null ? List.of() : Arrays.stream(consumes.value())
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).toList();
    }

    public static String summary(Method method) {
        Operation operation = method.getAnnotation(Operation.class);
        return operation == null ? "" : operation.summary();
    }

    private static boolean annotated(Method method, Class<? extends Annotation> annotation) {
        return method.isAnnotationPresent(annotation) || method.getDeclaringClass().isAnnotationPresent(annotation);
    }

    private static String strip(String segment) {
        String s = segment.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
