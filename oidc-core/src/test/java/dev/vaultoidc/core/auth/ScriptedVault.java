package dev.vaultoidc.core.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Answers by path with a script of responses; the last response for a path repeats. Records every
 * request so tests can assert on what Vault saw.
 */
final class ScriptedVault extends Dispatcher {
    private final Map<String, Deque<MockResponse>> scripts = new ConcurrentHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch[]> gates = new ConcurrentHashMap<>();

    /** Requests to {@code path} count down {@code arrived}, then wait for {@code release} before answering. */
    ScriptedVault gate(String path, CountDownLatch arrived, CountDownLatch release) {
        gates.put(path, new CountDownLatch[] {arrived, release});
        return this;
    }

    ScriptedVault on(String path, MockResponse... responses) {
        scripts.put(path, new ArrayDeque<>(List.of(responses))); // replaces any earlier script
        return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        requests.add(request);
        String path = request.getUrl().encodedPath().replaceFirst("^/v1/", "");
        CountDownLatch[] gate = gates.get(path);
        if (gate != null) {
            gate[0].countDown();
            gate[1].await(30, TimeUnit.SECONDS);
        }
        Deque<MockResponse> script = scripts.get(path);
        if (script == null || script.isEmpty()) {
            return new MockResponse.Builder()
                    .code(404)
                    .body("{\"errors\":[\"no script for " + path + "\"]}")
                    .build();
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    List<RecordedRequest> to(String path) {
        return requests.stream()
                .filter(r -> r.getUrl().encodedPath().equals("/v1/" + path))
                .toList();
    }

    /** The token each request carried, in order. */
    List<String> tokensSentTo(String path) {
        return to(path).stream().map(r -> r.getHeaders().get("X-Vault-Token")).toList();
    }
}
