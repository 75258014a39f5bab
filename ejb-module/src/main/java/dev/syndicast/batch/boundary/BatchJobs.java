package dev.syndicast.batch.boundary;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Starts and observes batch jobs. Everything goes through this EJB (not the web tier) because the
 * batch runtime checks job ownership against the calling application component.
 */
@Stateless
// The batch runtime manages its own transactions; joining the caller's would roll back the job repository's
// first-use DDL together with a failed start (PostgreSQL DDL is transactional).
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchJobs {

    private static final Logger LOG = Logger.getLogger(BatchJobs.class.getName());

    private static final Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public long start(String jobName, Map<String, String> parameters) {
        if (jobName == null || !JOB_NAME.matcher(jobName).matches()) {
            throw new InvalidInputException("Job name must be lowercase letters, digits and dashes");
        }
        Properties properties = new Properties();
        properties.putAll(parameters);
        try {
            return operator().start(jobName, properties);
        } catch (NoSuchJobException e) {
            throw new NotFoundException("Unknown batch job: " + jobName);
        } catch (jakarta.batch.operations.JobStartException e) {
            LOG.log(Level.WARNING, "event=batch_start_failed job=" + jobName, e);
            throw new NotFoundException("Unknown batch job: " + jobName);
        }
    }

    public Execution execution(long executionId) {
        try {
            JobOperator operator = operator();
            JobExecution job = operator.getJobExecution(executionId);
            List<Step> steps = operator.getStepExecutions(executionId).stream()
                    .sorted(Comparator.comparing(StepExecution::getStepExecutionId))
                    .map(BatchJobs::step)
                    .toList();
            return new Execution(job.getExecutionId(), job.getJobName(), job.getBatchStatus().name(),
                    job.getExitStatus(), instant(job.getStartTime()), instant(job.getEndTime()), steps);
        } catch (NoSuchJobExecutionException e) {
            throw new NotFoundException("Unknown job execution: " + executionId);
        }
    }

    private static Step step(StepExecution step) {
        Map<String, Long> metrics = new TreeMap<>();
        Arrays.stream(step.getMetrics() == null ? new Metric[0] : step.getMetrics())
                .forEach(m -> metrics.put(m.getType().name().toLowerCase(java.util.Locale.ROOT), m.getValue()));
        return new Step(step.getStepName(), step.getBatchStatus().name(), step.getExitStatus(),
                instant(step.getStartTime()), instant(step.getEndTime()), metrics);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    public record Execution(long executionId, String jobName, String batchStatus, String exitStatus,
                            Instant startTime, Instant endTime, List<Step> steps) {
    }

    public record Step(String name, String batchStatus, String exitStatus, Instant startTime, Instant endTime,
                       Map<String, Long> metrics) {
    }
}
