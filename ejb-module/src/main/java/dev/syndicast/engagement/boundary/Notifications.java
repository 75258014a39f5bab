package dev.syndicast.engagement.boundary;

import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.engagement.entity.Notification;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/** Raising and reading a workspace's notifications. */
@Stateless
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public Notification raise(UUID workspaceId, String kind, Notification.Severity severity, String title, String detail,
                              String subjectType, String subjectId) {
        Notification notification = new Notification(workspaceId, kind, severity, title, detail, subjectType, subjectId, clock.instant());
        em.persist(notification);
        LOG.info(() -> "event=notification_raised workspace=" + workspaceId + " kind=" + kind + " subject=" + subjectType + ":" + subjectId);
        return notification;
    }

    public Page list(UUID workspaceId, boolean unreadOnly, PageRequest page) {
        List<Notification> items = em.createNamedQuery(Notification.LIST_FOR_WORKSPACE, Notification.class)
                .setParameter("workspace", workspaceId)
                .setParameter("unreadOnly", unreadOnly)
                .setFirstResult(page.firstResult())
                .setMaxResults(page.limit())
                .getResultList();
        Map<String, Long> total = new LinkedHashMap<>();
        Map<String, Long> unread = new LinkedHashMap<>();
        for (Notification.Severity severity : Notification.Severity.values()) {
            total.put(severity.name(), 0L);
            unread.put(severity.name(), 0L);
        }
        em.createNamedQuery(Notification.COUNT_BY_SEVERITY, Object[].class).setParameter("workspace", workspaceId).getResultList()
                .forEach(row -> {
                    total.put((String) row[0], ((Number) row[1]).longValue());
                    unread.put((String) row[0], ((Number) row[2]).longValue());
                });
        return new Page(items, total, unread);
    }

    public record Page(List<Notification> items, Map<String, Long> totalBySeverity, Map<String, Long> unreadBySeverity) {
    }
}
