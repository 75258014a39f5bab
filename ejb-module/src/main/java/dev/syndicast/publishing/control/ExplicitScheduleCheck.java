package dev.syndicast.publishing.control;

import dev.syndicast.planning.control.ScheduleCheck;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.posts.control.ScheduleRules;
import dev.syndicast.posts.control.ScheduleWarning;
import dev.syndicast.posts.entity.Post;
import dev.syndicast.posts.entity.PostTarget;
import dev.syndicast.posts.entity.TargetStatus;
import dev.syndicast.tenancy.boundary.Settings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The warnings of explicit schedules ({@code submit}, {@code bulk-schedule}, {@code POST/PATCH /posts}): each scheduled
 * target of a post is held against the rules the planner keeps ({@link ScheduleCheck}), with the workspace's windows
 * and gap, the account's daily cap (its own, else its platform's) and every other instant taken on its account
 * ({@link AccountCalendars}, read without locks: a warning is advice, not a reservation).
 */
@ApplicationScoped
public class ExplicitScheduleCheck implements ScheduleRules {

    @EJB
    Settings settings;

    @Inject
    PlatformRegistry platforms;

    @Inject
    AccountCalendars calendars;

    @Override
    public List<ScheduleWarning> warnings(Post post) {
        Map<UUID, List<PostTarget>> byAccount = new LinkedHashMap<>();
        Set<String> platformNames = new LinkedHashSet<>();
        for (PostTarget target : post.getTargets()) {
            if (target.getStatus() == TargetStatus.SCHEDULED && target.getScheduledAt() != null) {
                byAccount.computeIfAbsent(target.getAccountId(), id -> new ArrayList<>()).add(target);
                platformNames.add(target.getPlatform());
            }
        }
        if (byAccount.isEmpty()) {
            return List.of();
        }
        PostingRules rules = PostingRules.of(settings.of(post.getWorkspaceId()), platforms.all());
        List<Instant> times = byAccount.values().stream().flatMap(List::stream).map(PostTarget::getScheduledAt).toList();
        // Two local days either side hold every post that shares a local day or a gap with one of the post's times.
        Duration margin = Duration.ofDays(2).plusMinutes(rules.minGapMinutes());
        Instant from = times.stream().min(Comparator.naturalOrder()).orElseThrow().minus(margin);
        Instant to = times.stream().max(Comparator.naturalOrder()).orElseThrow().plus(margin);
        List<ScheduleWarning> warnings = new ArrayList<>();
        for (AccountSchedule account : calendars.of(post.getWorkspaceId(), platformNames, byAccount.keySet(), from, to, false,
                List.of(post.getId()))) {
            List<PostTarget> targets = byAccount.get(account.id());
            if (targets == null) {
                continue;
            }
            for (ScheduleCheck.Breach breach : ScheduleCheck.breaches(rules, account,
                    targets.stream().map(PostTarget::getScheduledAt).toList())) {
                PostTarget target = targets.get(breach.index());
                warnings.add(new ScheduleWarning(post.getId(), target.getId(), target.getPlatform(), target.getAccountId(),
                        target.getScheduledAt(), breach.rule().wire(), describe(breach, rules, target)));
            }
        }
        List<UUID> order = post.getTargets().stream().map(PostTarget::getId).toList();
        warnings.sort(Comparator.comparingInt(w -> order.indexOf(w.targetId())));
        return warnings;
    }

    private static String describe(ScheduleCheck.Breach breach, PostingRules rules, PostTarget target) {
        String where = target.getPlatform() + " account " + target.getAccountId() + ": ";
        return switch (breach.rule()) {
            case POSTING_WINDOW, DAILY_CAP -> where + breach.message() + " (" + rules.zone() + ")";
            case MIN_GAP -> where + breach.message();
        };
    }
}
