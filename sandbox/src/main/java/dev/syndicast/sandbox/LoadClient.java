package dev.syndicast.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ceiling for the publishing benchmark: creates posts on the sandbox with a plain HTTP/1.1 client, as many in
 * flight as asked, and prints the rate. Syndicast's own rate is quoted as a share of this one, measured on the same
 * machine in the same run, so the figure still means something when the machine is busy.
 *
 * <pre>java -cp syndicast-sandbox.jar dev.syndicast.sandbox.LoadClient http://127.0.0.1:7070 10000 100</pre>
 * Prints one line: {@code raw: N posts in S s = R posts/s (C in flight, E errors)}.
 */
public final class LoadClient {

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        URI posts = URI.create(args[0].replaceAll("/$", "") + "/v1/posts");
        int count = Integer.parseInt(args[1]);
        int inFlight = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore permits = new Semaphore(inFlight);
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> calls = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            HttpRequest request = HttpRequest.newBuilder(posts).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer raw").header("Content-Type", "application/json")
                    .header("Idempotency-Key", "raw-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"raw\",\"platform\":\"sandbox\",\"text\":\"raw " + i
                            + "\",\"title\":\"\",\"thread\":[],\"media\":[]}"))
                    .build();
            calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                permits.release();
                if (failure != null || response.statusCode() != 201) {
                    errors.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("raw: %d posts in %.2f s = %.0f posts/s (%d in flight, %d errors)%n", count, seconds, count / seconds,
                inFlight, errors.get());
    }
}
