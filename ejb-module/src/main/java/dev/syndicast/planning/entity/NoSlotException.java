package dev.syndicast.planning.entity;

import dev.syndicast.core.entity.DomainException;

/**
 * A target that cannot be placed within the horizon (or between not_before and not_after): 422, with a message naming
 * the rule that binds, for example "No slot for tiktok within 30 days: every day's cap of 8 is used".
 */
public class NoSlotException extends DomainException {

    /** The rule that leaves no slot. */
    public enum Rule {
        /** The platform has no account in the workspace. */
        NO_ACCOUNT,
        /** No posting window lies in the time asked for. */
        NO_WINDOW,
        /** Every day with window time has used its daily cap. */
        DAILY_CAP,
        /** The windows are filled: every free minute is within the minimum gap of another post. */
        GAP,
        /** Each day is full, some by their cap and some by the gap. */
        CAP_AND_GAP
    }

    private final Rule rule;
    private final String platform;
    private final int targetIndex;

    public NoSlotException(Rule rule, String platform, int targetIndex, String message) {
        super(message);
        this.rule = rule;
        this.platform = platform;
        this.targetIndex = targetIndex;
    }

    @Override
    public Kind kind() {
        return Kind.UNPROCESSABLE;
    }

    public Rule rule() {
        return rule;
    }

    public String platform() {
        return platform;
    }

    /** The position in the request of the first target that found no slot (0 for an available-slot query). */
    public int targetIndex() {
        return targetIndex;
    }
}
