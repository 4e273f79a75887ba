package io.billingsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.profile.MergeResult;
import io.billingsync.profile.ProfileMerger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The least a program can do for the same job: plain JDK HttpClient, GET + merge + PUT with If-Match, the
 * same merge code, C customers in parallel and each customer's changes in order. No records, no retries.
 */
final class PlainClientBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Change(String customerId, ObjectNode changes) {
    }

    static long run(URI base, String token, List<Change> changes, int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ProfileMerger merger = new ProfileMerger();
        List<List<Change>> lanes = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            lanes.add(new ArrayList<>());
        }
        // customers dealt round-robin in first-seen order, so every lane has as much work as the others
        Map<String, Integer> laneOf = new HashMap<>();
        for (Change change : changes) {
            int lane = laneOf.computeIfAbsent(change.customerId(), customer -> laneOf.size() % concurrency);
            lanes.get(lane).add(change);
        }
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (List<Change> lane : lanes) {
            running.add(threads.submit(() -> {
                for (Change change : lane) {
                    apply(http, merger, base, token, change);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        long took = System.nanoTime() - started;
        threads.shutdown();
        return took;
    }

    private static void apply(HttpClient http, ProfileMerger merger, URI base, String token, Change change) throws Exception {
        URI uri = base.resolve("/v1/customers/" + change.customerId() + "/profiles/billing");
        String correlation = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Accept", "application/json",
                "MS-CorrelationId", correlation, "MS-Contract-Version", "v1");
        HttpRequest.Builder get = HttpRequest.newBuilder(uri).GET();
        headers.forEach(get::header);
        get.header("MS-RequestId", UUID.randomUUID().toString());
        HttpResponse<byte[]> current = send(http, get.build());
        JsonNode profile = JSON.readTree(current.body());
        MergeResult merged = merger.merge((ObjectNode) profile, change.changes());
        if (merged.unchanged()) {
            return;
        }
        HttpRequest.Builder put = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(merged.merged())));
        headers.forEach(put::header);
        put.header("MS-RequestId", UUID.randomUUID().toString());
        put.header("If-Match", "\"" + profile.path("attributes").path("etag").asText() + "\"");
        put.header("Content-Type", "application/json");
        HttpResponse<byte[]> written = send(http, put.build());
        if (written.statusCode() != 200) {
            throw new IllegalStateException("baseline PUT answered " + written.statusCode());
        }
    }

    /** Like any real client, re-sends once when the server closed a pooled connection under it. */
    private static HttpResponse<byte[]> send(HttpClient http, HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException stale) {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private PlainClientBaseline() {
    }
}
