package dev.syndicast;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/configuration.md is the one configuration reference, so it must list exactly the settings the code reads.
 * This reads the sources of every module (any {@code src/main/java} under the repository root, wherever the checkout
 * is) instead of a running server, so it runs with the unit tests and catches a setting added, renamed or removed in
 * any module. Failures name each missing or stale setting, so the fix is one table row.
 */
class ConfigurationReferenceTest {

    private static final String DOC = "docs/configuration.md";
    /** The scripts whose SYNDICAST_* variables the reference lists (the CLI reads its two through picocli). */
    private static final List<String> SCRIPTS = List.of("bin/syndicast", "bin/syndicast-test", "bin/syndicast-video",
            "server-config/payara-micro/render-post-boot", "cli/src/main/java");
    private static final Pattern SCRIPT_VARIABLE = Pattern.compile("\\bSYNDICAST_[A-Z0-9_]+\\b");

    private final Path root = repositoryRoot();
    private final Reference doc = Reference.read(root.resolve(DOC));

    @Test
    void everySettingTheCodeReadsIsListedAndEveryListedSettingIsStillRead() throws IOException {
        Map<String, List<Use>> code = SettingsInCode.scan(root);
        assertThat(code).as("settings found in the sources (is the scan looking at the right tree?)").hasSizeGreaterThan(10);

        Map<String, List<Use>> missing = new TreeMap<>(code);
        missing.keySet().removeAll(doc.settings().keySet());
        Set<String> stale = new TreeSet<>(doc.settings().keySet());
        stale.removeAll(code.keySet());

        if (!missing.isEmpty() || !stale.isEmpty()) {
            StringBuilder message = new StringBuilder(DOC + " and the code disagree.\n");
            if (!missing.isEmpty()) {
                message.append("Read in code but missing from ").append(DOC).append(" (add a row):\n");
                missing.forEach((name, uses) -> message.append("  ").append(display(name)).append("   <- ").append(uses.get(0)).append('\n'));
            }
            if (!stale.isEmpty()) {
                message.append("Listed in ").append(DOC).append(" but read nowhere in code (remove or rename the row):\n");
                stale.forEach(name -> message.append("  ").append(display(name)).append('\n'));
            }
            fail(message.toString());
        }
    }

    @Test
    void everyListedSettingShowsItsEnvironmentVariableAndTheDefaultTheCodeUses() throws IOException {
        Map<String, List<Use>> code = SettingsInCode.scan(root);
        List<String> wrong = new ArrayList<>();
        doc.settings().forEach((name, row) -> {
            String env = environmentVariable(row.written());
            if (!row.environment().contains("`" + env + "`")) {
                wrong.add(row.written() + ": environment variable column should say `" + env + "`");
            }
            for (Use use : code.getOrDefault(name, List.of())) {
                if (use.defaultValue() != null && !use.defaultValue().isBlank() && !row.defaultValue().contains("`" + use.defaultValue() + "`")) {
                    wrong.add(row.written() + ": default column should show `" + use.defaultValue() + "` (" + use + ")");
                }
            }
        });
        if (!wrong.isEmpty()) {
            fail(DOC + " shows a wrong environment variable or default:\n  " + String.join("\n  ", new TreeSet<>(wrong)) + "\n");
        }
    }

    @Test
    void everyVariableTheScriptsReadIsListedAndEveryListedVariableIsStillRead() throws IOException {
        Set<String> read = new TreeSet<>();
        for (String script : SCRIPTS) {
            Path path = root.resolve(script);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                Matcher m = SCRIPT_VARIABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    read.add(m.group());
                }
            }
        }
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(doc.variables());
        doc.settings().values().forEach(row -> missing.remove(environmentVariable(row.written())));
        Set<String> stale = new TreeSet<>(doc.variables());
        stale.removeAll(read);

        if (!missing.isEmpty() || !stale.isEmpty()) {
            StringBuilder message = new StringBuilder(DOC + " and the scripts disagree.\n");
            if (!missing.isEmpty()) {
                message.append("Read by ").append(SCRIPTS).append(" but missing from ").append(DOC).append(":\n  ")
                        .append(String.join("\n  ", missing)).append('\n');
            }
            if (!stale.isEmpty()) {
                message.append("Listed as a script variable in ").append(DOC).append(" but read by no script:\n  ")
                        .append(String.join("\n  ", stale)).append('\n');
            }
            fail(message.toString());
        }
    }

    /** MicroProfile Config's environment form: every character but a letter or digit becomes {@code _}, upper case. */
    static String environmentVariable(String setting) {
        return setting.replaceAll("[^A-Za-z0-9<>]", "_").toUpperCase(Locale.ROOT);
    }

    /** A wildcard ({@code *}, a part the code computes) shown as the placeholder the reference uses. */
    private static String display(String name) {
        return name.replace("*", "<...>");
    }

    private static Path repositoryRoot() {
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(ConfigurationReferenceTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // Fall back to the working directory below.
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve(DOC)) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("No repository root with " + DOC + " above " + starts);
    }

    /** Where a setting is read, and the default given there (null: none). */
    record Use(String file, int line, String defaultValue) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /**
     * The settings named in the sources: {@code @ConfigProperty(name = ...)} and {@code getValue}/{@code
     * getOptionalValue} lookups on a MicroProfile {@code Config} whose name is written out, and Payara's {@code
     * ${MPCONFIG=name}} references in code, descriptors and server configuration (activation configs and post-boot
     * commands may read settings so). A name built at run time keeps its written parts and gets {@code *} for the
     * computed ones ({@code "syndicast.platforms." + platform + ".oauth.client-id"}); a lookup whose name is entirely
     * computed ({@code config.getOptionalValue(key, ...)}) cannot be checked here.
     */
    static final class SettingsInCode {

        private static final Pattern CONFIG_PROPERTY = Pattern.compile("@(?:[\\w.]+\\.)?ConfigProperty\\s*\\(");
        private static final Pattern LOOKUP = Pattern.compile("\\.(?:getValue|getOptionalValue|getValues|getOptionalValues|getConfigValue)\\s*\\(");
        private static final Pattern NAME = Pattern.compile("\\bname\\s*=\\s*");
        private static final Pattern DEFAULT = Pattern.compile("\\bdefaultValue\\s*=\\s*");
        private static final Pattern MPCONFIG = Pattern.compile("\\$\\{MPCONFIG=([A-Za-z0-9._-]+)");
        private static final Set<String> DESCRIPTORS = Set.of("xml", "properties", "asadmin");

        static Map<String, List<Use>> scan(Path root) throws IOException {
            Map<String, List<Use>> found = new TreeMap<>();
            for (Path file : mainSources(root)) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Map<String, List<Use>> uses = relative.endsWith(".java") ? scan(relative, text) : references(relative, text);
                uses.forEach((name, u) -> found.computeIfAbsent(name, n -> new ArrayList<>()).addAll(u));
            }
            return found;
        }

        static Map<String, List<Use>> scan(String file, String source) {
            String code = JavaText.withoutComments(source);
            // Searched with the literals blanked out (same offsets), so SQL or help text never counts as a lookup.
            String searched = JavaText.withoutLiteralContents(code);
            Map<String, String> constants = JavaText.stringConstants(code);
            Map<String, List<Use>> found = new LinkedHashMap<>();
            Matcher annotation = CONFIG_PROPERTY.matcher(searched);
            while (annotation.find()) {
                String arguments = JavaText.balanced(code, annotation.end() - 1);
                int line = JavaText.line(code, annotation.start());
                String name = argument(arguments, NAME, constants);
                if (name == null) {
                    throw new IllegalStateException(file + ":" + line + ": @ConfigProperty without a readable name; write it"
                            + " as a string literal or a String constant of the same class so the reference can be checked");
                }
                String defaultValue = argument(arguments, DEFAULT, constants);
                found.computeIfAbsent(name, n -> new ArrayList<>()).add(new Use(file, line,
                        defaultValue == null || defaultValue.contains("*") ? null : defaultValue));
            }
            references(file, source).forEach((name, refs) -> found.computeIfAbsent(name, n -> new ArrayList<>()).addAll(refs));
            if (code.contains("org.eclipse.microprofile.config")) {
                Matcher lookup = LOOKUP.matcher(searched);
                while (lookup.find()) {
                    String arguments = JavaText.balanced(code, lookup.end() - 1);
                    String name = JavaText.expression(JavaText.firstArgument(arguments), constants);
                    if (name != null && !name.replace("*", "").isEmpty()) {
                        found.computeIfAbsent(name, n -> new ArrayList<>()).add(new Use(file, JavaText.line(code, lookup.start()), null));
                    }
                }
            }
            return found;
        }

        /** Payara's {@code ${MPCONFIG=name}} references, in any kind of file. */
        static Map<String, List<Use>> references(String file, String text) {
            Map<String, List<Use>> found = new LinkedHashMap<>();
            Matcher m = MPCONFIG.matcher(text);
            while (m.find()) {
                found.computeIfAbsent(m.group(1), n -> new ArrayList<>()).add(new Use(file, JavaText.line(text, m.start()), null));
            }
            return found;
        }

        private static String argument(String arguments, Pattern key, Map<String, String> constants) {
            Matcher m = key.matcher(arguments);
            if (!m.find()) {
                return null;
            }
            return JavaText.expression(JavaText.firstArgument(arguments.substring(m.end())), constants);
        }

        private static List<Path> mainSources(Path root) throws IOException {
            List<Path> files = new ArrayList<>();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (name.startsWith(".") || name.equals("target") || name.equals("node_modules"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String path = root.relativize(file).toString().replace('\\', '/');
                    String name = file.getFileName().toString();
                    String extension = name.substring(name.lastIndexOf('.') + 1);
                    boolean code = name.endsWith(".java") && path.contains("/src/main/java/");
                    boolean descriptor = (path.contains("/src/main/") || path.startsWith("server-config/")) && DESCRIPTORS.contains(extension);
                    if (code || descriptor) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return files;
        }
    }

    /** Just enough Java lexing to read annotation arguments: comments out, string literals and text blocks kept. */
    static final class JavaText {

        private static final Pattern STRING_CONSTANT = Pattern.compile(
                "\\bstatic\\s+final\\s+String\\s+(\\w+)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*;|\\bfinal\\s+static\\s+String\\s+(\\w+)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*;");

        /** The source with every comment replaced by spaces (line breaks kept, so offsets still give line numbers). */
        static String withoutComments(String s) {
            StringBuilder out = new StringBuilder(s.length());
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (s.startsWith("\"\"\"", i)) {
                    int end = s.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? s.length() : end + 3;
                    out.append(s, i, end);
                    i = end;
                } else if (c == '"' || c == '\'') {
                    int end = i + 1;
                    while (end < s.length() && s.charAt(end) != c && s.charAt(end) != '\n') {
                        end += s.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(end + 1, s.length());
                    out.append(s, i, end);
                    i = end;
                } else if (s.startsWith("//", i)) {
                    int end = s.indexOf('\n', i);
                    end = end < 0 ? s.length() : end;
                    out.append(" ".repeat(end - i));
                    i = end;
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    end = end < 0 ? s.length() : end + 2;
                    s.substring(i, end).chars().forEach(ch -> out.append(ch == '\n' ? '\n' : ' '));
                    i = end;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        /** The same text with the inside of every string literal and text block replaced by spaces. */
        static String withoutLiteralContents(String s) {
            StringBuilder out = new StringBuilder(s);
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                int end;
                if (s.startsWith("\"\"\"", i)) {
                    end = s.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? s.length() : end + 3;
                } else if (c == '"' || c == '\'') {
                    end = i + 1;
                    while (end < s.length() && s.charAt(end) != c && s.charAt(end) != '\n') {
                        end += s.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(end + 1, s.length());
                } else {
                    i++;
                    continue;
                }
                for (int j = i + 1; j < end - 1; j++) {
                    if (out.charAt(j) != '\n') {
                        out.setCharAt(j, ' ');
                    }
                }
                i = end;
            }
            return out.toString();
        }

        /** The text between the parenthesis at {@code open} and its partner, strings respected. */
        static String balanced(String s, int open) {
            int depth = 0;
            for (int i = open; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    i = endOfString(s, i);
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return s.substring(open + 1, i);
                }
            }
            return s.substring(open + 1);
        }

        /** The text up to the first comma outside strings and parentheses. */
        static String firstArgument(String s) {
            int depth = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    i = endOfString(s, i);
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    return s.substring(0, i);
                }
            }
            return s;
        }

        /**
         * A string expression made of literals, constants and other terms joined by {@code +}: literals and known
         * constants give their text, anything else {@code *}. Null when nothing of it is written out.
         */
        static String expression(String expression, Map<String, String> constants) {
            StringBuilder value = new StringBuilder();
            boolean written = false;
            for (String term : splitOnPlus(expression.strip())) {
                String t = term.strip();
                if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) {
                    value.append(unescape(t.substring(1, t.length() - 1)));
                    written = true;
                } else if (constants.containsKey(t)) {
                    value.append(constants.get(t));
                    written = true;
                } else if (value.isEmpty() || value.charAt(value.length() - 1) != '*') {
                    value.append('*');
                }
            }
            return written ? value.toString() : null;
        }

        static Map<String, String> stringConstants(String code) {
            Map<String, String> constants = new LinkedHashMap<>();
            Matcher m = STRING_CONSTANT.matcher(code);
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(3);
                String literal = m.group(2) != null ? m.group(2) : m.group(4);
                constants.put(name, unescape(literal.substring(1, literal.length() - 1)));
            }
            return constants;
        }

        static int line(String s, int offset) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        private static List<String> splitOnPlus(String s) {
            List<String> terms = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    i = endOfString(s, i);
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '+' && depth == 0) {
                    terms.add(s.substring(start, i));
                    start = i + 1;
                }
            }
            terms.add(s.substring(start));
            return terms;
        }

        private static int endOfString(String s, int quote) {
            int i = quote + 1;
            while (i < s.length() && s.charAt(i) != '"') {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            return i;
        }

        private static String unescape(String literal) {
            return literal.replace("\\\"", "\"").replace("\\\\", "\\");
        }
    }

    /** One row of the reference that names a setting: as written, its environment variable and default cells. */
    record Row(String written, String environment, String defaultValue) {
    }

    /**
     * What docs/configuration.md lists: settings (a backticked {@code syndicast.*} name in a table row's first cell,
     * {@code <placeholder>} parts standing for computed ones) and script variables (a backticked {@code SYNDICAST_*}
     * name in a table row's first cell).
     */
    record Reference(Map<String, Row> settings, Set<String> variables) {

        private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
        private static final Pattern SETTING = Pattern.compile("syndicast\\.[a-z0-9.<>-]+");
        private static final Pattern VARIABLE = Pattern.compile("SYNDICAST_[A-Z0-9_<>]+");

        static Reference read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
            return parse(lines);
        }

        static Reference parse(List<String> lines) {
            Map<String, Row> settings = new TreeMap<>();
            Set<String> variables = new TreeSet<>();
            for (String line : lines) {
                String trimmed = line.strip();
                if (!trimmed.startsWith("|") || trimmed.startsWith("|---")) {
                    continue;
                }
                String[] cells = trimmed.substring(1).split("(?<!\\\\)\\|", -1);
                Matcher token = BACKTICKED.matcher(cells[0]);
                while (token.find()) {
                    String name = token.group(1).strip();
                    if (SETTING.matcher(name).matches()) {
                        settings.put(name.replaceAll("<[^>]*>", "*"),
                                new Row(name, cells.length > 1 ? cells[1] : "", cells.length > 2 ? cells[2] : ""));
                    } else if (VARIABLE.matcher(name).matches()) {
                        variables.add(name);
                    }
                }
            }
            return new Reference(settings, variables);
        }
    }

    @Nested
    class TheScanner {

        @Test
        void readsNamesAndDefaultsButNotCommentsAndResolvesConstantsAndComputedParts() {
            String source = """
                    import org.eclipse.microprofile.config.Config;
                    class Example {
                        static final String PREFIX = "syndicast.example.";
                        /** @ConfigProperty(name = "syndicast.in-a-comment") */
                        @ConfigProperty(defaultValue = "PT1S", name = "syndicast.example.delay") Duration delay;
                        // @ConfigProperty(name = "syndicast.commented-out")
                        @org.eclipse.microprofile.config.inject.ConfigProperty(name = PREFIX + "size", defaultValue = "a,b") String size;
                        String sql = \"""
                            select 1 -- @ConfigProperty(name = "syndicast.in-a-text-block")
                            \""";
                        void read(Config config, String platform, String key) {
                            config.getOptionalValue("syndicast.platforms." + platform + ".oauth.client-id", String.class);
                            config.getOptionalValue(key, String.class);
                        }
                    }
                    """;

            Map<String, List<Use>> found = SettingsInCode.scan("Example.java", source);

            assertThat(found.keySet()).containsExactlyInAnyOrder("syndicast.example.delay", "syndicast.example.size",
                    "syndicast.platforms.*.oauth.client-id");
            assertThat(found.get("syndicast.example.delay").get(0).defaultValue()).isEqualTo("PT1S");
            assertThat(found.get("syndicast.example.size").get(0).defaultValue()).isEqualTo("a,b");
            assertThat(found.get("syndicast.example.size").get(0).line()).isEqualTo(7);
        }

        @Test
        void readsPayaraConfigReferencesInAnnotationsAndDescriptors() {
            String annotation = """
                    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${MPCONFIG=syndicast.example.sessions}")
                    """;
            String asadmin = "set-x --value=${MPCONFIG=syndicast.example.pool}\n";

            assertThat(SettingsInCode.scan("Example.java", annotation)).containsOnlyKeys("syndicast.example.sessions");
            assertThat(SettingsInCode.references("post-boot.asadmin", asadmin)).containsOnlyKeys("syndicast.example.pool");
        }

        @Test
        void readsSettingsAndVariablesFromTheReferenceTables() {
            Reference reference = Reference.parse(List.of(
                    "| setting | environment variable | default | meaning |",
                    "|---|---|---|---|",
                    "| `syndicast.tasks.max-attempts` | `SYNDICAST_TASKS_MAX_ATTEMPTS` | `4` | attempts |",
                    "| `syndicast.platforms.<platform>.oauth.client-id` | `SYNDICAST_PLATFORMS_<PLATFORM>_OAUTH_CLIENT_ID` | none | id |",
                    "| `SYNDICAST_HTTP_PORT` (or `PORT`) | `8080` | port | |",
                    "| `max-characters` | number | not a setting name on its own |",
                    "Prose naming `syndicast.not.in.a.table` is not a row."));

            assertThat(reference.settings().keySet()).containsExactly("syndicast.platforms.*.oauth.client-id", "syndicast.tasks.max-attempts");
            assertThat(reference.variables()).containsExactly("SYNDICAST_HTTP_PORT");
            assertThat(environmentVariable("syndicast.platforms.<platform>.oauth.client-id"))
                    .isEqualTo("SYNDICAST_PLATFORMS_<PLATFORM>_OAUTH_CLIENT_ID");
        }
    }
}
