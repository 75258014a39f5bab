package dev.syndicast.accounts.control;

import dev.syndicast.platforms.control.PlatformRegistry;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRenewalTest {

    private final PlatformRegistry platforms = PlatformRegistry.of(key -> Optional.empty());

    @Test
    void instagramAndThreadsRenewTheirLongLivedTokenWithItselfWithoutARefreshToken() {
        assertThat(TokenRenewal.of(platforms.get("instagram"), false)).isEqualTo(TokenRenewal.LONG_LIVED_TOKEN);
        assertThat(TokenRenewal.of(platforms.get("threads"), false)).isEqualTo(TokenRenewal.LONG_LIVED_TOKEN);
        assertThat(TokenRenewal.of(platforms.get("instagram"), true)).as("a refresh token left from before is not used")
                .isEqualTo(TokenRenewal.LONG_LIVED_TOKEN);
    }

    @Test
    void facebookPageTokensAreKeptAsTheyAre() {
        assertThat(TokenRenewal.of(platforms.get("facebook"), false)).isEqualTo(TokenRenewal.NONE);
    }

    @Test
    void otherOAuthPlatformsRefreshWithTheirRefreshTokenAndBlueskyWithItsSession() {
        assertThat(TokenRenewal.of(platforms.get("x"), true)).isEqualTo(TokenRenewal.REFRESH_TOKEN);
        assertThat(TokenRenewal.of(platforms.get("youtube"), true)).isEqualTo(TokenRenewal.REFRESH_TOKEN);
        assertThat(TokenRenewal.of(platforms.get("dribbble"), false)).isEqualTo(TokenRenewal.NONE);
        assertThat(TokenRenewal.of(platforms.get("bluesky"), true)).isEqualTo(TokenRenewal.BLUESKY_SESSION);
        assertThat(TokenRenewal.of(platforms.get("mastodon"), false)).isEqualTo(TokenRenewal.NONE);
    }

    @Test
    void theRefresherLooksAtInstagramAndThreadsByExpiryAlone() {
        assertThat(TokenRenewal.selfRenewing(platforms.all())).containsExactlyInAnyOrder("instagram", "threads");
    }
}
