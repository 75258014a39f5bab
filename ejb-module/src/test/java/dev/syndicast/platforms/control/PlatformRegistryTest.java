package dev.syndicast.platforms.control;

import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.platforms.entity.ConnectKind;
import dev.syndicast.platforms.entity.PlatformSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformRegistryTest {

    private static PlatformRegistry with(Map<String, String> overrides) {
        return PlatformRegistry.of(key -> Optional.ofNullable(overrides.get(key)));
    }

    @Test
    void knowsTheThirteenPlatformsWithTheirDocumentedLimits() {
        PlatformRegistry registry = with(Map.of());
        assertThat(registry.all()).extracting(PlatformSpec::name).containsExactly("tiktok", "youtube", "instagram", "facebook",
                "twitter", "linkedin", "threads", "bluesky", "mastodon", "pinterest", "reddit", "snapchat", "dribbble", "sandbox");
        assertThat(registry.get("sandbox").publishWired()).isTrue();
        assertThat(registry.get("twitter").maxCharacters()).isEqualTo(280);
        assertThat(registry.get("linkedin").maxCharacters()).isEqualTo(3000);
        assertThat(registry.get("bluesky").connectKind()).isEqualTo(ConnectKind.APP_PASSWORD);
        assertThat(registry.get("tiktok").dailyCap()).isEqualTo(8);
        assertThat(registry.get("instagram").dailyCap()).isEqualTo(5);
        assertThat(registry.all()).allSatisfy(p -> assertThat(p.source()).isNotBlank());
        assertThat(registry.all()).filteredOn(p -> p.connectKind() == ConnectKind.OAUTH2)
                .allSatisfy(p -> assertThat(p.oauth()).isNotNull());
    }

    @Test
    void namesAreCaseInsensitiveAndXIsTwitter() {
        PlatformRegistry registry = with(Map.of());
        assertThat(registry.get("X").name()).isEqualTo("twitter");
        assertThat(registry.get(" TikTok ").name()).isEqualTo("tiktok");
    }

    @Test
    void unknownPlatformsAreA404NamingThem() {
        assertThatThrownBy(() -> with(Map.of()).get("myspace"))
                .isInstanceOf(NotFoundException.class).hasMessage("Unknown platform: myspace");
    }

    @Test
    void aDeploymentOverridesAnyFigureAndEndpoint() {
        PlatformRegistry registry = with(Map.of(
                "syndicast.platforms.tiktok.daily-cap", "3",
                "syndicast.platforms.tiktok.publish-wired", "false",
                "syndicast.platforms.mastodon.max-characters", "5000",
                "syndicast.platforms.linkedin.oauth.token-url", "http://127.0.0.1:9/token",
                "syndicast.platforms.youtube.media.types", "video/mp4"));
        assertThat(registry.get("tiktok").dailyCap()).isEqualTo(3);
        assertThat(registry.get("tiktok").publishWired()).isFalse();
        assertThat(registry.get("mastodon").maxCharacters()).isEqualTo(5000);
        assertThat(registry.get("linkedin").oauth().tokenUrl()).isEqualTo("http://127.0.0.1:9/token");
        assertThat(registry.get("linkedin").oauth().authorizeUrl()).startsWith("https://www.linkedin.com/");
        assertThat(registry.get("youtube").media().types()).containsExactly("video/mp4");
    }

    @Test
    void aWrongOverrideStopsTheStartWithItsName() {
        assertThatThrownBy(() -> with(Map.of("syndicast.platforms.tiktok.daily-cap", "lots")))
                .hasMessageContaining("daily-cap").hasMessageContaining("lots");
        assertThatThrownBy(() -> with(Map.of("syndicast.platforms.tiktok.enabled", "yes")))
                .hasMessageContaining("true or false");
    }
}
