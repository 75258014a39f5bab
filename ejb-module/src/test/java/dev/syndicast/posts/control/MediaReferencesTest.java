package dev.syndicast.posts.control;

import dev.syndicast.posts.entity.ContentRuleException.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MediaReferencesTest {

    private static final UUID OWN_ITEM = UUID.fromString("0190a3c2-0000-7000-8000-000000000001");
    private static final UUID FOREIGN_ITEM = UUID.fromString("0190a3c2-0000-7000-8000-000000000002");
    private static final String OWN_PATH = "library/11111111-1111-1111-1111-111111111111/abc.png";
    private static final String FOREIGN_PATH = "library/22222222-2222-2222-2222-222222222222/abc.png";

    /** The workspace holds one item, ready at one storage path. */
    private static final MediaReferences.Lookup WORKSPACE = new MediaReferences.Lookup() {
        @Override
        public boolean hasItem(UUID id) {
            return id.equals(OWN_ITEM);
        }

        @Override
        public boolean hasStoragePath(String storagePath) {
            return storagePath.equals(OWN_PATH);
        }
    };

    private static List<Violation> check(PostMedia... media) {
        return MediaReferences.check(List.of(media), WORKSPACE);
    }

    @Test
    void the_workspaces_own_items_pass_by_id_storage_path_and_library_route() {
        assertThat(check(new PostMedia(null, OWN_ITEM.toString(), null, null),
                new PostMedia(OWN_PATH, null, "image/png", null),
                new PostMedia("/" + OWN_PATH, null, null, null),
                new PostMedia("/api/external/v1/media-library/" + OWN_ITEM + "/download", null, null, null),
                new PostMedia("https://syndicast.example.com/api/external/v1/media-library/" + OWN_ITEM + "/thumbnail", null, null, null),
                new PostMedia("https://cdn.example.com/clip.mp4", null, null, null))).isEmpty();
    }

    @Test
    void another_workspaces_items_are_refused_whichever_way_they_are_named() {
        List<Violation> found = check(new PostMedia(null, FOREIGN_ITEM.toString(), null, null),
                new PostMedia(FOREIGN_PATH, null, null, null),
                new PostMedia("/" + FOREIGN_PATH, null, null, null),
                new PostMedia("/api/external/v1/media-library/" + FOREIGN_ITEM + "/download", null, null, null),
                new PostMedia("http://127.0.0.1:8080/api/external/v1/media-library/" + FOREIGN_ITEM, null, null, null),
                new PostMedia(OWN_PATH, FOREIGN_ITEM.toString(), null, null));
        assertThat(found).extracting(Violation::field).containsExactly("media[0].media_id", "media[1].url", "media[2].url",
                "media[3].url", "media[4].url", "media[5].media_id");
        assertThat(found).extracting(Violation::message).allSatisfy(m -> assertThat(m).doesNotContain(FOREIGN_ITEM.toString(),
                "22222222"));
    }

    @Test
    void references_that_name_nothing_are_refused_too() {
        assertThat(check(new PostMedia(null, "not-an-id", null, null),
                new PostMedia("library/../" + OWN_PATH, null, null, null),
                new PostMedia("/api/external/v1/media-library/not-an-id/download", null, null, null)))
                .extracting(Violation::field).containsExactly("media[0].media_id", "media[1].url", "media[2].url");
    }

    @Test
    void an_import_asks_the_library_once_per_reference() {
        int[] asked = {0};
        MediaReferences.Lookup counting = new MediaReferences.Lookup() {
            @Override
            public boolean hasItem(UUID id) {
                asked[0]++;
                return true;
            }

            @Override
            public boolean hasStoragePath(String storagePath) {
                asked[0]++;
                return true;
            }
        };
        MediaReferences references = new MediaReferences() {
            @Override
            public Lookup lookup(UUID workspaceId) {
                return counting;
            }
        };
        MediaReferences.Lookup remembering = references.remembering(UUID.randomUUID());
        for (int i = 0; i < 1000; i++) {
            MediaReferences.check(List.of(new PostMedia(OWN_PATH, OWN_ITEM.toString(), null, null)), remembering);
        }
        assertThat(asked[0]).isEqualTo(2);
    }
}
