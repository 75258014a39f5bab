package dev.syndicast.rendering;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.ServerProcess;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A render survives the server being killed: {@code bin/syndicast} is killed with SIGKILL (ffmpeg with it) during
 * video_assembly and started again on the same database and data directory. The stage's message is still in the
 * broker's journal, so the render resumes at video_assembly; the stages that had finished are not run again.
 */
class RenderCrashRecoveryIT {

    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void aRenderKilledDuringVideoAssemblyResumesThereAfterARestart() {
        server = ServerProcess.start("syndicast_test_video_crash");
        Api api = Api.at(server.url());
        String id = api.post("/videos/generate", """
                {"prompt": "A calm documentary about lighthouses, their keepers and the sea around them",
                 "duration_preference": 600, "style": "documentary", "quality": "low"}""").json().getString("session_id");

        Await.await().atMost(Duration.ofMinutes(5)).until(() ->
                api.get("/videos/" + id + "/status").json().getString("stage").equals("video_assembly"));
        JsonObject before = api.get("/videos/" + id + "/progress").json().getJsonObject("stage_details");

        server.kill();
        server = server.restart();
        Api restarted = Api.at(server.url());

        Await.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonObject status = restarted.get("/videos/" + id + "/status").json();
            assertThat(status.getString("status")).as(status.toString()).isEqualTo("completed");
        });
        JsonObject after = restarted.get("/videos/" + id + "/progress").json().getJsonObject("stage_details");
        for (String stage : new String[] {"researching", "scripting", "asset_sourcing", "audio_generation"}) {
            assertThat(after.getJsonObject(stage).getString("end_time")).as(stage + " ran once")
                    .isEqualTo(before.getJsonObject(stage).getString("end_time"));
        }
        assertThat(after.getJsonObject("video_assembly").getString("start_time"))
                .isEqualTo(before.getJsonObject("video_assembly").getString("start_time"));
        assertThat(restarted.get("/videos/" + id + "/download").status()).isEqualTo(200);
    }
}
