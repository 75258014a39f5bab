package dev.syndicast.system;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.TestEnvironment;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box: the production WAR answering the system API's {@code GET /} and {@code GET /health} and the external
 * scheduling API's {@code GET /api/external/health} with the exact shapes their existing clients read, plus the operator surfaces (OpenAPI, Swagger UI,
 * MicroProfile Health on its moved path) and Metrics on the operator's own listener.
 */
@ExtendWith(ArquillianExtension.class)
class SystemApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    @Test
    void rootDescribesTheApiInTheShapeClientsRead() {
        Api.Reply root = Api.at(base).anonymous().get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.header("Content-Type")).startsWith("application/json");
        JsonObject body = root.json();
        assertThat(body.keySet()).containsExactlyInAnyOrder("name", "version", "description", "docs_url", "health_url");
        assertThat(body.getString("docs_url")).isEqualTo("/docs");
        assertThat(body.getString("health_url")).isEqualTo("/health");
        assertThat(body.getString("version")).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void healthHasTheDocumentedShapeAndSaysHealthyWhenDatabaseAndBrokerAnswer() {
        for (String path : new String[] {"/health", "/api/external/health"}) {
            Api.Reply health = Api.at(base).anonymous().get(path);
            assertThat(health.status()).as(path).isEqualTo(200);
            JsonObject body = health.json();
            assertThat(body.keySet()).as(path).contains("status", "timestamp", "details");
            assertThat(body.getString("status")).as(health.toString()).isEqualTo("healthy");
            assertThat(body.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(body.getJsonObject("details").getString("message")).isEqualTo("All systems operational");
            JsonObject components = body.getJsonObject("details").getJsonObject("components");
            assertThat(components.keySet()).contains("database", "broker", "data_directory");
        }
    }

    @Test
    void operatorSurfacesAnswer() {
        Api anonymous = Api.at(base).anonymous();
        Api.Reply openapi = anonymous.get("/openapi");
        assertThat(openapi.status()).as(openapi.body()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/system/selftest", "/health");
        assertThat(anonymous.get("/docs").body()).containsIgnoringCase("swagger");
        Api.Reply ready = anonymous.get("/mphealth/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        assertThat(anonymous.get("/mphealth/live").status()).isEqualTo(200);
    }

    /** Pool statistics and publish counters are the operator's: on their own loopback listener, not the API port. */
    @Test
    void metricsAnswerOnlyOnTheOperatorsListener() throws Exception {
        Api.Reply onApiPort = Api.at(base).anonymous().get("/metrics");
        assertThat(onApiPort.status()).as(onApiPort.toString()).isEqualTo(404);
        assertThat(onApiPort.body()).doesNotContain("syndicast_", "jvm_", "base_");
        URL operator = new URL("http://127.0.0.1:" + TestEnvironment.metricsPort() + "/");
        Api.Reply metrics = Api.at(operator).anonymous().get("/metrics");
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");
    }

    @Test
    void unknownRoutesAndMethodsGetTheErrorBody() {
        Api.Reply missing = Api.at(base).anonymous().get("/no/such/route");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().keySet()).contains("error", "detail", "timestamp");
    }
}
