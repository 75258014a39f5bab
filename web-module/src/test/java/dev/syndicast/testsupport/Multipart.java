package dev.syndicast.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A {@code multipart/form-data} body (RFC 7578) as the stand-ins read it: text fields in order and the file part. */
public record Multipart(List<Map.Entry<String, String>> fields, String fileField, byte[] file) {

    public static Multipart parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !contentType.contains("boundary=")) {
            return new Multipart(List.of(), null, null);
        }
        String delimiter = "--" + contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "");
        String text = new String(body, StandardCharsets.ISO_8859_1);
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        String fileField = null;
        byte[] file = null;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int headersStart = at + delimiter.length() + 2;
            int next = text.indexOf("\r\n" + delimiter, headersStart);
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            if (next < 0 || headersEnd < 0 || headersEnd > next) {
                break;
            }
            String headers = text.substring(headersStart, headersEnd);
            String name = headers.replaceAll("(?s).*?; name=\"([^\"]+)\".*", "$1");
            byte[] value = Arrays.copyOfRange(body, headersEnd + 4, next);
            if (headers.contains("filename=")) {
                fileField = name;
                file = value;
            } else {
                fields.add(new SimpleEntry<>(name, new String(value, StandardCharsets.UTF_8)));
            }
            at = next + 2;
        }
        return new Multipart(List.copyOf(fields), fileField, file);
    }

    public String field(String name) {
        return fields.stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    public List<String> all(String name) {
        return fields.stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }
}
