package dev.syndicast.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Running production job XML in plain JUnit with JBeret SE and Weld SE: the shared plumbing of the batch tests. */
public final class JBeretSE {

    /** The id under which JBeret SE looks up (or else boots) its Weld container. */
    private static final String CONTAINER_ID = "STATIC_INSTANCE";

    private JBeretSE() {
    }

    public static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** A bean of the container the jobs' artifacts come from (test doubles are alternatives in it). */
    public static synchronized <T> T bean(Class<T> type) {
        WeldContainer container = WeldContainer.instance(CONTAINER_ID);
        return (container != null ? container : new Weld(CONTAINER_ID).initialize()).select(type).get();
    }

    /** JBeret SE runs a job on its own thread; this joins it (its documented way to wait). */
    public static JobExecution awaitEnd(long executionId) throws InterruptedException {
        ((org.jberet.runtime.JobExecutionImpl) operator().getJobExecution(executionId)).awaitTermination(30, TimeUnit.SECONDS);
        return operator().getJobExecution(executionId);
    }

    public static Map<Metric.MetricType, Long> metrics(long executionId) {
        return Arrays.stream(operator().getStepExecutions(executionId).get(0).getMetrics())
                .collect(Collectors.toMap(Metric::getType, Metric::getValue));
    }

    public static Properties params(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
