package dev.syndicast.campaigns.entity;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;

/** How a campaign's status, calendar and cadence are stored: lower-case status, the calendar and cadence as JSON text. */
final class CampaignConverters {

    private CampaignConverters() {
    }

    @Converter
    static class Status implements AttributeConverter<CampaignStatus, String> {
        @Override
        public String convertToDatabaseColumn(CampaignStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public CampaignStatus convertToEntityAttribute(String value) {
            return value == null ? null : CampaignStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    @Converter
    static class Calendar implements AttributeConverter<List<CalendarEntry>, String> {
        @Override
        public String convertToDatabaseColumn(List<CalendarEntry> entries) {
            return CalendarEntry.toJson(entries == null ? List.of() : entries).toString();
        }

        @Override
        public List<CalendarEntry> convertToEntityAttribute(String value) {
            return value == null ? List.of() : CalendarEntry.listFromJson(read(value), "calendar");
        }
    }

    @Converter
    static class CadenceJson implements AttributeConverter<Cadence, String> {
        @Override
        public String convertToDatabaseColumn(Cadence cadence) {
            return cadence == null ? null : cadence.toJson().toString();
        }

        @Override
        public Cadence convertToEntityAttribute(String value) {
            return value == null ? null : Cadence.fromJson(read(value), "cadence");
        }
    }

    private static JsonValue read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
