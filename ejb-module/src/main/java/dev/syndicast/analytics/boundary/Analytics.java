package dev.syndicast.analytics.boundary;

import dev.syndicast.analytics.control.BestTimesSource;
import dev.syndicast.analytics.entity.BestTimesReport;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.tenancy.boundary.Settings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.UUID;

/** The analytics a workspace reads: the best times to post on a platform, in its own time zone. */
@Stateless
public class Analytics {

    @EJB
    Settings settings;

    @Inject
    PlatformRegistry platforms;

    @Inject
    BestTimesSource bestTimes;

    /** The platform's best hours for the workspace (any of the platform's names); 400 for a platform there is not. */
    public BestTimesReport bestTimes(UUID workspaceId, String platform) {
        if (platform == null || platform.isBlank()) {
            throw new InvalidInputException("platform is required");
        }
        return bestTimes.report(workspaceId, platforms.named(platform), settings.of(workspaceId).zone());
    }
}
