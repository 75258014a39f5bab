package dev.syndicast.publishing.boundary;

import dev.syndicast.publishing.control.PublishDispatch.JobTicket;
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

/**
 * One delivery: start the jobs (their own transaction, committed before any call, so a crash mid-call leaves them
 * "publishing" and the next attempt asks the platform first), make every lookup and call at once over kept-alive
 * connections (so a delivery lasts one lookup plus one call, far inside the dispatch lease), then record all results
 * in one more transaction.
 */
@ApplicationScoped
public class PublishWorker {

    @EJB
    PublishJobs jobs;

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
        results.stream().collect(Collectors.groupingBy(PublishWorker::metricName, Collectors.counting()))
                .forEach((outcome, n) -> metrics.counter("syndicast_publish_calls_total", new Tag("outcome", outcome)).inc(n));
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
