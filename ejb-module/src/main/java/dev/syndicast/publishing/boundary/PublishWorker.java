package dev.syndicast.publishing.boundary;

import dev.syndicast.publishing.control.PublishDispatch.JobTicket;
import dev.syndicast.publishing.control.PublishOutcome;
import dev.syndicast.publishing.control.PublishSettings;
import dev.syndicast.publishing.control.PublishWork;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One delivery: start the jobs (their own transaction, committed before any call, so a crash mid-call leaves them
 * "publishing" and the next attempt asks the platform first), make every lookup and call at once over kept-alive
 * connections (so a delivery lasts one lookup plus one call, far inside the dispatch lease), then record all results
 * in one more transaction. When a step of a multi-step publish asks for the next one at once (an upload session
 * opened, a video registered, chunks sent for a step's time), the due jobs are dispatched right after the results are
 * recorded instead of at the dispatcher's next tick: every step starts just after a tick, so the next one would
 * otherwise wait most of a second (a second per hop of a large upload).
 */
@ApplicationScoped
public class PublishWorker {

    private static final Logger LOG = Logger.getLogger(PublishWorker.class.getName());

    @EJB
    PublishJobs jobs;

    @Inject
    PublishSettings settings;

    @Inject
    MetricRegistry metrics;

    public void publish(List<JobTicket> tickets) {
        List<PublishWork.Started> started = jobs.begin(tickets);
        if (started.isEmpty()) {
            return;
        }
        List<CompletableFuture<PublishWork.Result>> calls = new ArrayList<>(started.size());
        for (PublishWork.Started work : started) {
            calls.add(work.run());
        }
        List<PublishWork.Result> results = calls.stream().map(CompletableFuture::join).toList();
        jobs.record(results);
        if (settings.dispatcherEnabled() && nextStepAtOnce(results)) {
            try {
                jobs.dispatchDue();
            } catch (RuntimeException e) {
                // The next tick dispatches the step; it is due in the database.
                LOG.log(Level.WARNING, "event=publish_next_step_dispatch_failed reason=" + e.getMessage(), e);
            }
        }
        results.stream().collect(Collectors.groupingBy(PublishWorker::metricName, Collectors.counting()))
                .forEach((outcome, n) -> metrics.counter("syndicast_publish_calls_total", new Tag("outcome", outcome)).inc(n));
    }

    /** Whether a publish call finished a step and asked for the next one at once ({@code InProgress} with no wait). */
    static boolean nextStepAtOnce(List<PublishWork.Result> results) {
        return results.stream().anyMatch(r -> r.outcome() instanceof PublishOutcome.InProgress step
                && (step.checkAgainIn().isZero() || step.checkAgainIn().isNegative()));
    }

    /**
     * The counter's {@code outcome} tag: the call's outcome ({@code published}, {@code notprocessed}, {@code permanent},
     * {@code unknown}, {@code ratelimited}, {@code tokenrefused}, {@code inprogress} for a finished step of a multi-step
     * publish, {@code startover}), or, for an attempt that made no call, the lookup's answer ({@code found}, {@code notfound},
     * {@code cannottell}).
     */
    private static String metricName(PublishWork.Result result) {
        Object what = result.called() ? result.outcome() : result.check();
        return what.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
