package dev.syndicast.posts.entity;

/**
 * What a post says and how it is filed. List and map fields travel as JSON text (the control layer writes and
 * reads them); the entity only stores them. {@code language} is a BCP 47 tag (checked by the posts boundary), or null.
 */
public record PostContent(String text, String title, String platformOverridesJson, String threadPartsJson, String mediaJson,
                          String hashtagsJson, String tagsJson, String labelsJson, String category, String folderPath,
                          String campaign, String language) {

    /** Content without a language. */
    public PostContent(String text, String title, String platformOverridesJson, String threadPartsJson, String mediaJson,
                       String hashtagsJson, String tagsJson, String labelsJson, String category, String folderPath, String campaign) {
        this(text, title, platformOverridesJson, threadPartsJson, mediaJson, hashtagsJson, tagsJson, labelsJson, category, folderPath,
                campaign, null);
    }
}
