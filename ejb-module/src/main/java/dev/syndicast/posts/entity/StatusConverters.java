package dev.syndicast.posts.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Locale;

/** Statuses are stored in lower case, the way the API shows them. */
final class StatusConverters {

    private StatusConverters() {
    }

    @Converter
    static class Post implements AttributeConverter<PostStatus, String> {
        @Override
        public String convertToDatabaseColumn(PostStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public PostStatus convertToEntityAttribute(String value) {
            return value == null ? null : PostStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    @Converter
    static class Target implements AttributeConverter<TargetStatus, String> {
        @Override
        public String convertToDatabaseColumn(TargetStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public TargetStatus convertToEntityAttribute(String value) {
            return value == null ? null : TargetStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
