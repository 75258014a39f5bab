package dev.syndicast.posts.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.util.List;

/**
 * The post breaks a platform's rules (length, media, threads): 422 with one entry per broken rule, each naming the
 * platform and the limit.
 */
public class ContentRuleException extends InvalidInputException {

    private final List<Violation> violations;

    public ContentRuleException(List<Violation> violations) {
        super(violations.size() == 1 ? violations.get(0).message()
                : violations.size() + " platform rules are broken: " + String.join("; ", violations.stream().map(Violation::message).toList()));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    public record Violation(String field, String message) {
    }
}
