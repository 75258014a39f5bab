package dev.syndicast.batch.boundary;

import dev.syndicast.batch.control.JobCatalog;
import dev.syndicast.batch.entity.BatchItemResult;
import dev.syndicast.core.control.DataDirectory;
import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.tenancy.control.Tenants;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The batch console: the jobs on offer, starting them for a workspace, following, stopping, restarting and
 * abandoning their executions, and what they did per item. Everything goes through this EJB (not the web tier)
 * because the batch runtime checks job ownership against the calling application component. An execution
 * belongs to the workspace that started it (its {@code workspaceId} parameter, set here, never by the caller);
 * another workspace's execution is 404.
 */
@Stateless
// The batch runtime manages its own transactions; joining the caller's would roll back the job repository's
// first-use DDL together with a failed start (PostgreSQL DDL is transactional).
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchJobs {

    private static final Logger LOG = Logger.getLogger(BatchJobs.class.getName());
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f-]{36}");
    static final int MAX_PARAMETER_LENGTH = 100_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    DataDirectory dataDirectory;

    @Inject
    Tenants tenants;

    @Inject
    @ConfigProperty(name = "syndicast.batch.upload-max-bytes", defaultValue = "268435456")
    long uploadMaxBytes;

    @Inject
    @ConfigProperty(name = "syndicast.batch.folder-root")
    java.util.Optional<String> folderRoot;

    public record Execution(long executionId, long instanceId, String jobName, String batchStatus, String exitStatus,
                            Instant createTime, Instant startTime, Instant endTime, Map<String, String> parameters, List<Step> steps) {
    }

    public record Step(String name, String batchStatus, String exitStatus, Instant startTime, Instant endTime,
                       Map<String, Long> metrics) {
    }

    public record Results(long executionId, long instanceId, Map<String, Long> counts, List<BatchItemResult> items) {
    }

    public record Upload(String uploadId, long bytes) {
    }

    public List<JobCatalog.Job> catalog() {
        return JobCatalog.all();
    }

    /** Starts a job for a workspace. The caller's parameters may not name the workspace; {@code file} names an upload. */
    public long start(UUID workspaceId, String jobName, Map<String, String> parameters) {
        JobCatalog.Job job = JobCatalog.get(jobName);
        Properties properties = new Properties();
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!PARAMETER_NAME.matcher(p.getKey()).matches() || p.getValue() == null || p.getValue().length() > MAX_PARAMETER_LENGTH) {
                throw new InvalidInputException("Invalid job parameter '" + p.getKey() + "'");
            }
            if (job.parameters().stream().noneMatch(declared -> declared.name().equals(p.getKey()))) {
                throw new InvalidInputException("Job " + jobName + " has no parameter '" + p.getKey() + "'; it has "
                        + job.parameters().stream().map(JobCatalog.Parameter::name).toList());
            }
            if (p.getKey().equals(JobCatalog.WORKSPACE_PARAMETER)) {
                throw new InvalidInputException("workspaceId is set by the server from the API key");
            }
            String value = switch (p.getKey()) {
                case JobCatalog.FILE_PARAMETER -> upload(workspaceId, p.getValue()).toString();
                case JobCatalog.FOLDER_PARAMETER -> folder(workspaceId, p.getValue()).toString();
                default -> p.getValue();
            };
            properties.setProperty(p.getKey(), value);
        }
        properties.setProperty(JobCatalog.WORKSPACE_PARAMETER, workspaceId.toString());
        try {
            long id = operator().start(jobName, properties);
            LOG.info(() -> "event=batch_started job=" + jobName + " execution=" + id + " workspace=" + workspaceId);
            return id;
        } catch (NoSuchJobException e) {
            throw new NotFoundException("Unknown batch job: " + jobName);
        } catch (jakarta.batch.operations.JobStartException e) {
            LOG.log(Level.WARNING, "event=batch_start_failed job=" + jobName, e);
            throw new dev.syndicast.core.entity.UnavailableException("The batch runtime could not start " + jobName + ": " + e.getMessage());
        }
    }

    /** Stores a CSV (or any input) for a later job, streamed to disk under the workspace's upload folder. */
    public Upload upload(UUID workspaceId, InputStream body) {
        String id = UUID.randomUUID().toString();
        Path target = uploadDirectory(workspaceId).resolve(id + ".csv");
        Path partial = target.resolveSibling(id + ".part");
        try (InputStream limited = new dev.syndicast.core.control.LimitedInputStream(body, uploadMaxBytes)) {
            long bytes = Files.copy(limited, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return new Upload(id, bytes);
        } catch (dev.syndicast.core.control.LimitedInputStream.LimitExceededException e) {
            deleteQuietly(partial);
            throw new InvalidInputException("The upload is larger than " + uploadMaxBytes + " bytes");
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("Cannot store the upload", e);
        }
    }

    /** Executions of the workspace's jobs, newest first. */
    public List<Execution> executions(UUID workspaceId, String jobName, PageRequest page) {
        JobOperator operator = operator();
        List<JobExecution> mine = new ArrayList<>();
        for (String name : jobName == null ? JobCatalog.names() : List.of(JobCatalog.get(jobName).name())) {
            int count;
            try {
                count = operator.getJobInstanceCount(name);
            } catch (NoSuchJobException neverRun) {
                continue;
            }
            for (JobInstance instance : operator.getJobInstances(name, 0, count)) {
                for (JobExecution execution : operator.getJobExecutions(instance)) {
                    if (belongsTo(execution, workspaceId)) {
                        mine.add(execution);
                    }
                }
            }
        }
        return mine.stream()
                .sorted(Comparator.comparing(JobExecution::getExecutionId).reversed())
                .skip(page.firstResult()).limit(page.limit())
                .map(e -> view(operator, e))
                .toList();
    }

    public Execution execution(UUID workspaceId, long executionId) {
        JobOperator operator = operator();
        return view(operator, owned(operator, workspaceId, executionId));
    }

    /** For the foundation's own checks and tests: an execution regardless of workspace. */
    public Execution execution(long executionId) {
        JobOperator operator = operator();
        try {
            return view(operator, operator.getJobExecution(executionId));
        } catch (NoSuchJobExecutionException e) {
            throw new NotFoundException("Unknown job execution: " + executionId);
        }
    }

    /** For housekeeping started by the server itself (no workspace). */
    public long startSystemJob(String jobName, Map<String, String> parameters) {
        Properties properties = new Properties();
        properties.putAll(parameters);
        return operator().start(JobCatalog.get(jobName).name(), properties);
    }

    public void stop(UUID workspaceId, long executionId) {
        JobOperator operator = operator();
        owned(operator, workspaceId, executionId);
        try {
            operator.stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new ConflictException("Execution " + executionId + " is not running");
        }
    }

    /** Restarts a failed or stopped execution with its own parameters; it goes on from its last checkpoint. */
    public long restart(UUID workspaceId, long executionId) {
        JobOperator operator = operator();
        JobExecution execution = owned(operator, workspaceId, executionId);
        try {
            return operator.restart(executionId, execution.getJobParameters());
        } catch (JobExecutionAlreadyCompleteException e) {
            throw new ConflictException("Execution " + executionId + " completed; there is nothing to restart");
        } catch (JobExecutionNotMostRecentException e) {
            throw new ConflictException("Execution " + executionId + " was already restarted; restart the latest one");
        } catch (JobRestartException e) {
            throw new ConflictException("Execution " + executionId + " cannot be restarted: " + e.getMessage());
        }
    }

    public void abandon(UUID workspaceId, long executionId) {
        JobOperator operator = operator();
        owned(operator, workspaceId, executionId);
        try {
            operator.abandon(executionId);
        } catch (JobExecutionIsRunningException e) {
            throw new ConflictException("Execution " + executionId + " is running; stop it first");
        }
    }

    /** What the job instance of an execution did per item (all executions of a restarted job together). */
    public Results results(UUID workspaceId, long executionId, boolean errorsOnly) {
        JobOperator operator = operator();
        owned(operator, workspaceId, executionId);
        long instance = operator.getJobInstance(executionId).getInstanceId();
        List<BatchItemResult> items = em.createNamedQuery(BatchItemResult.LIST_FOR_INSTANCE, BatchItemResult.class)
                .setParameter("instance", instance).setParameter("workspace", workspaceId)
                .setParameter("errorsOnly", errorsOnly).getResultList();
        Map<String, Long> counts = new LinkedHashMap<>(Map.of("ok", 0L, "error", 0L));
        em.createNamedQuery(BatchItemResult.COUNT_BY_OUTCOME, Object[].class).setParameter("instance", instance).getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return new Results(executionId, instance, counts, items);
    }

    private JobExecution owned(JobOperator operator, UUID workspaceId, long executionId) {
        try {
            JobExecution execution = operator.getJobExecution(executionId);
            if (belongsTo(execution, workspaceId)) {
                return execution;
            }
        } catch (NoSuchJobExecutionException e) {
            // Same answer as another workspace's execution: nothing to see.
        }
        throw new NotFoundException("Unknown job execution: " + executionId);
    }

    private static boolean belongsTo(JobExecution execution, UUID workspaceId) {
        Properties parameters = execution.getJobParameters();
        return parameters != null && workspaceId.toString().equals(parameters.getProperty(JobCatalog.WORKSPACE_PARAMETER));
    }

    private Path upload(UUID workspaceId, String uploadId) {
        String id = uploadId.strip().toLowerCase(Locale.ROOT);
        Path file = uploadDirectory(workspaceId).resolve(id + ".csv");
        if (!UPLOAD_ID.matcher(id).matches() || !Files.isRegularFile(file)) {
            throw new InvalidInputException("file must be the upload_id of an upload of this workspace (POST /api/external/v1/batch/uploads)");
        }
        return file;
    }

    /**
     * A folder of the workspace's own part of the configured root ({@code <root>/<workspace slug>}), never outside it
     * (no absolute paths, no "..", no symlinks out): the root is shared by every workspace, so a folder name alone
     * would let one workspace publish another's clips.
     */
    private Path folder(UUID workspaceId, String relative) {
        Path root = workspaceFolderRoot(workspaceId);
        Path folder;
        try {
            folder = root.resolve(relative.strip()).normalize().toRealPath();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new InvalidInputException("folder must name an existing folder under the workspace's upload folder: " + relative);
        }
        if (!folder.startsWith(root) || !Files.isDirectory(folder)) {
            throw new InvalidInputException("folder must name an existing folder under the workspace's upload folder: " + relative);
        }
        return folder;
    }

    private Path workspaceFolderRoot(UUID workspaceId) {
        String slug = tenants.findByIdOrSlug(workspaceId.toString()).map(Workspace::getSlug)
                .orElseThrow(() -> new NotFoundException("Unknown workspace"));
        try {
            return Files.createDirectories(folderRoot().resolve(slug)).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the workspace's upload folder", e);
        }
    }

    private Path folderRoot() {
        try {
            Path root = folderRoot.filter(r -> !r.isBlank()).map(Path::of).orElseGet(() -> dataDirectory.resolve("upload-queue"));
            return Files.createDirectories(root).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the upload folder root", e);
        }
    }

    private Path uploadDirectory(UUID workspaceId) {
        return dataDirectory.resolve("batch-uploads/" + workspaceId);
    }

    private static Execution view(JobOperator operator, JobExecution job) {
        List<Step> steps = operator.getStepExecutions(job.getExecutionId()).stream()
                .sorted(Comparator.comparing(StepExecution::getStepExecutionId))
                .map(BatchJobs::step)
                .toList();
        Map<String, String> parameters = new TreeMap<>();
        if (job.getJobParameters() != null) {
            job.getJobParameters().stringPropertyNames().forEach(n -> parameters.put(n, job.getJobParameters().getProperty(n)));
        }
        parameters.computeIfPresent(JobCatalog.FILE_PARAMETER, (k, path) -> Path.of(path).getFileName().toString().replace(".csv", ""));
        return new Execution(job.getExecutionId(), operator.getJobInstance(job.getExecutionId()).getInstanceId(), job.getJobName(),
                job.getBatchStatus().name(), job.getExitStatus(), instant(job.getCreateTime()), instant(job.getStartTime()),
                instant(job.getEndTime()), parameters, steps);
    }

    private static Step step(StepExecution step) {
        Map<String, Long> metrics = new TreeMap<>();
        Arrays.stream(step.getMetrics() == null ? new Metric[0] : step.getMetrics())
                .forEach(m -> metrics.put(m.getType().name().toLowerCase(Locale.ROOT), m.getValue()));
        return new Step(step.getStepName(), step.getBatchStatus().name(), step.getExitStatus(),
                instant(step.getStartTime()), instant(step.getEndTime()), metrics);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warning(() -> "event=upload_cleanup_failed file=" + path + " reason=" + e.getMessage());
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
