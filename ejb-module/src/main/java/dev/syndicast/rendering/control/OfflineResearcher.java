package dev.syndicast.rendering.control;

import dev.syndicast.rendering.entity.VideoStyle;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The researching stage without a network: the prompt's own keywords (by frequency, stop words dropped), its
 * sentences and clauses as points, and a style's usual angles when the prompt alone is too thin.
 */
@ApplicationScoped
public class OfflineResearcher {

    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "but", "of", "to", "in",
            "on", "for", "with", "about", "into", "from", "by", "at", "as", "is", "are", "be", "was", "were", "it",
            "its", "this", "that", "these", "those", "our", "your", "their", "we", "you", "they", "i", "me", "my",
            "create", "make", "video", "videos", "short", "please", "how", "what", "why", "which", "who", "will",
            "can", "should", "would", "could", "do", "does", "so", "some", "more", "most", "very", "also", "than",
            "then", "there", "here", "has", "have", "had", "not", "no", "all", "any", "each", "one", "two", "three",
            "explain", "show", "tell", "professional", "casual", "educational", "entertaining", "documentary");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final Pattern INSTRUCTION = Pattern.compile(
            "^(please\\s+)?(create|make|generate|produce|write|build|give me)\\s+(me\\s+)?((a|an|the|one)\\s+)?([\\w-]+\\s+){0,3}?"
                    + "(video|clip|short|reel|film|explainer)s?\\s+(about|on|of|explaining|showing|for|that explains|covering)\\s+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?;:])\\s+|\\n+");

    public Outline research(String prompt, VideoStyle style) {
        List<String> keywords = keywords(prompt, 8);
        String title = title(keywords);
        List<String> points = new ArrayList<>();
        for (String sentence : SENTENCE.split(prompt.strip())) {
            String clean = withoutInstruction(sentence.strip().replaceAll("\\s+", " ").replaceAll("[.!?;:]+$", ""));
            if (clean.split("\\s+").length >= 3) {
                points.add(clean);
            }
        }
        for (String angle : angles(style)) {
            points.add(angle.replace("{topic}", title.toLowerCase(Locale.ROOT)));
        }
        return new Outline(title, keywords, points);
    }

    /**
     * "Create a casual video about brewing coffee at home" says what to make, not what to say: the instruction is
     * cut and "Brewing coffee at home" remains.
     */
    static String withoutInstruction(String sentence) {
        String rest = INSTRUCTION.matcher(sentence).replaceFirst("");
        return rest.isEmpty() ? rest : Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
    }

    static List<String> keywords(String text, int max) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (word.length() > 2 && !STOP_WORDS.contains(word)) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(max)
                .map(Map.Entry::getKey)
                .toList();
    }

    static String title(List<String> keywords) {
        if (keywords.isEmpty()) {
            return "Your Story";
        }
        List<String> words = new ArrayList<>();
        for (String keyword : keywords.subList(0, Math.min(4, keywords.size()))) {
            words.add(Character.toUpperCase(keyword.charAt(0)) + keyword.substring(1));
        }
        return String.join(" ", words);
    }

    private static List<String> angles(VideoStyle style) {
        return switch (style) {
            case PROFESSIONAL -> List.of("Why {topic} matters to your business today",
                    "The key facts about {topic} in plain terms", "How teams put {topic} to work",
                    "The risks to watch and how to manage them", "Your next steps with {topic}");
            case CASUAL -> List.of("So what is the deal with {topic}", "Here is the fun part",
                    "A quick tip you can use today", "What people get wrong about {topic}", "That is it, easy right");
            case EDUCATIONAL -> List.of("What {topic} means", "The core idea behind {topic}, step by step",
                    "A worked example", "Common misconceptions", "A short recap of what we learned");
            case ENTERTAINMENT -> List.of("You will not believe this about {topic}", "Here is the twist",
                    "The surprising truth", "Wait for it", "Follow for more");
            case DOCUMENTARY -> List.of("Where the story of {topic} begins", "The people and forces behind it",
                    "A turning point", "What changed, and for whom", "What comes next for {topic}");
        };
    }
}
