package dev.syndicast.tenancy.boundary;

import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.entity.PostingWindow;
import dev.syndicast.tenancy.entity.Workspace;
import dev.syndicast.tenancy.entity.WorkspaceSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Profile and schedule settings of a workspace; scheduling reads {@link #of(UUID)}. */
@Stateless
public class Settings {

    public record Profile(String displayName, String contactEmail, String website) {
    }

    public record Schedule(String timezone, Integer minGapMinutes, List<PostingWindow> postingWindows) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** The workspace's settings, or the defaults when nobody has changed them. */
    public WorkspaceSettings of(UUID workspaceId) {
        WorkspaceSettings stored = em.find(WorkspaceSettings.class, workspaceId);
        return stored != null ? stored : WorkspaceSettings.defaults(workspaceId, clock.instant());
    }

    public Workspace workspace(Caller caller) {
        return em.find(Workspace.class, caller.workspaceId());
    }

    public WorkspaceSettings read(Caller caller) {
        return of(caller.workspaceId());
    }

    /** Changes the settings the caller names and keeps the others (see {@link WorkspaceSettings#update}). */
    public WorkspaceSettings update(Caller caller, Profile profile, Schedule schedule) {
        WorkspaceSettings settings = em.find(WorkspaceSettings.class, caller.workspaceId());
        boolean fresh = settings == null;
        if (fresh) {
            settings = WorkspaceSettings.defaults(caller.workspaceId(), clock.instant());
        }
        Profile p = profile == null ? new Profile(null, null, null) : profile;
        Schedule s = schedule == null ? new Schedule(null, null, null) : schedule;
        settings.update(p.displayName(), p.contactEmail(), p.website(), s.timezone(), s.minGapMinutes(),
                s.postingWindows(), clock.instant());
        if (fresh) {
            em.persist(settings);
        }
        return settings;
    }
}
