package dev.syndicast.core.rest;

import dev.syndicast.core.entity.FieldRejectedException;
import dev.syndicast.core.entity.InvalidInputException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.syndicast.core.rest.StrictJson.Expected.ANY;
import static dev.syndicast.core.rest.StrictJson.Expected.ARRAY;
import static dev.syndicast.core.rest.StrictJson.Expected.OBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    @Test
    void oneValueOfTheExpectedKindPasses() {
        assertThatCode(() -> check("{\"a\":[1,2,{\"b\":\"c\"}],\"d\":null}", OBJECT)).doesNotThrowAnyException();
        assertThatCode(() -> check("  [ {}, [] ]\n", ARRAY)).doesNotThrowAnyException();
        assertThatCode(() -> check("\"text\"", ANY)).doesNotThrowAnyException();
        assertThatCode(() -> check("{\"size\":268435456,\"ratio\":0.25,\"big\":-12345678901234567890}", OBJECT))
                .doesNotThrowAnyException();
    }

    @Test
    void trailingContentIsRefused() {
        assertThatThrownBy(() -> check("{\"timezone\":\"Europe/Berlin\"}}garbage", OBJECT))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("after its JSON value");
        assertThatThrownBy(() -> check("{} {}", OBJECT)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> check("[]x", ARRAY)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theWrongKindOrNullOrNothingIsRefused() {
        assertThatThrownBy(() -> check("[]", OBJECT)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Request body must be a JSON object, not an array");
        assertThatThrownBy(() -> check("null", OBJECT)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> check("null", ANY)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> check("{}", ARRAY)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> check("", OBJECT)).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> check("   ", OBJECT)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void brokenJsonIsRefusedWithoutNamingTheParser() {
        for (String broken : List.of("{", "{\"a\":", "{\"a\" 1}", "\u0000", "{\"a\":\"\u0000\"}", "[1,]", "{'a':1}")) {
            assertThatThrownBy(() -> check(broken, OBJECT)).as(broken).isInstanceOf(InvalidInputException.class)
                    .message().doesNotContain("java", "jakarta", "org.", "Exception");
        }
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAE, '"', '}'};
        assertThatThrownBy(() -> StrictJson.check(notUtf8, OBJECT)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void depthIsLimitedTo32Levels() {
        assertThatCode(() -> check("[".repeat(32) + "]".repeat(32), ARRAY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("[".repeat(33) + "]".repeat(33), ARRAY))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("deeper than 32");
        String platformMeta = "{\"platform_meta\":" + "{\"a\":".repeat(500) + "1" + "}".repeat(500) + "}";
        assertThatThrownBy(() -> check(platformMeta, OBJECT)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aNulCharacterIsRefusedNamingItsField() {
        assertThatThrownBy(() -> check("{\"profile\":{\"display_name\":\"a\\u0000b\"}}", OBJECT))
                .isInstanceOf(FieldRejectedException.class)
                .extracting(e -> ((FieldRejectedException) e).field()).isEqualTo("profile.display_name");
        assertThatThrownBy(() -> check("{\"posts\":[{\"content\":\"ok\"},{\"content\":\"\\u0000\"}]}", OBJECT))
                .isInstanceOf(FieldRejectedException.class)
                .extracting(e -> ((FieldRejectedException) e).field()).isEqualTo("posts[1].content");
        assertThatThrownBy(() -> check("{\"a\\u0000\":1}", OBJECT)).isInstanceOf(FieldRejectedException.class);
        assertThatThrownBy(() -> check("[\"x\",\"\\u0000\"]", ARRAY))
                .extracting(e -> ((FieldRejectedException) e).field()).isEqualTo("[1]");
    }

    @Test
    void hugeNumbersAreRefusedBeforeAnythingExpandsThem() {
        assertThatThrownBy(() -> check("{\"n\":1e999999999}", OBJECT)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("n is out of range");
        assertThatThrownBy(() -> check("{\"n\":1e-999999999}", OBJECT)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> check("{\"n\":" + "9".repeat(400) + "}", OBJECT)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theExpectedKindFollowsTheTargetType() {
        assertThat(StrictJson.expected(JsonObject.class)).isEqualTo(OBJECT);
        assertThat(StrictJson.expected(Map.class)).isEqualTo(OBJECT);
        assertThat(StrictJson.expected(StrictJsonTest.class)).isEqualTo(OBJECT);
        assertThat(StrictJson.expected(List.class)).isEqualTo(ARRAY);
        assertThat(StrictJson.expected(String[].class)).isEqualTo(ARRAY);
        assertThat(StrictJson.expected(JsonValue.class)).isEqualTo(ANY);
        assertThat(StrictJson.expected(String.class)).isEqualTo(ANY);
    }

    private static void check(String body, StrictJson.Expected expected) {
        StrictJson.check(body.getBytes(StandardCharsets.UTF_8), expected);
    }
}
