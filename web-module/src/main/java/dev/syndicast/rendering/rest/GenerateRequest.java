package dev.syndicast.rendering.rest;

import dev.syndicast.rendering.boundary.GenerateCommand;
import dev.syndicast.rendering.entity.Quality;
import dev.syndicast.rendering.entity.VideoStyle;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The generate body. A class with public fields, not a record (Payara's OpenAPI scanner, README Known
 * issues). Defaults as existing clients expect them: 60 s, professional, neutral, high.
 */
public class GenerateRequest {

    @NotNull(message = "Prompt must be between 10 and 2000 characters")
    @Size(min = 10, max = 2000, message = "Prompt must be between 10 and 2000 characters")
    public String prompt;

    @Min(value = 10, message = "Duration must be between 10 and 600 seconds")
    @Max(value = 600, message = "Duration must be between 10 and 600 seconds")
    public Integer durationPreference;

    @Pattern(regexp = "professional|casual|educational|entertainment|documentary",
            message = "Style must be one of professional, casual, educational, entertainment, documentary")
    public String style;

    @Size(min = 1, max = 100, message = "Voice preference must be between 1 and 100 characters")
    public String voicePreference;

    @Pattern(regexp = "low|medium|high|ultra", message = "Quality must be one of low, medium, high, ultra")
    public String quality;

    @Size(max = 200, message = "User id must be at most 200 characters")
    public String userId;

    GenerateCommand toCommand() {
        return new GenerateCommand(prompt,
                durationPreference == null ? 60 : durationPreference,
                VideoStyle.fromWire(style == null ? "professional" : style),
                voicePreference == null ? "neutral" : voicePreference,
                Quality.fromWire(quality == null ? "high" : quality),
                userId);
    }
}
