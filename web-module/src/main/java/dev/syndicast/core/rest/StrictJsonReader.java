package dev.syndicast.core.rest;

import jakarta.annotation.Priority;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;

/**
 * Every JSON request body, on every route, goes through {@link StrictJson} before JSON-B or JSON-P binds it.
 * The body is already bounded (BodyLimit's 413), so reading it whole costs at most that many bytes.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class StrictJsonReader implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        Class<?> target = context.getType();
        if (!isJson(type) || target == InputStream.class || target == Reader.class || target == byte[].class) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (body.length == 0 && !required(context.getAnnotations())) {
            // An optional body left out is no body (null), and the route decides what that means; the JSON readers
            // themselves would fail on zero bytes (JSON-P with a 500).
            return null;
        }
        StrictJson.check(body, StrictJson.expected(target));
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    static boolean isJson(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || "application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
    }

    private static boolean required(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof NotNull) {
                return true;
            }
        }
        return false;
    }
}
