package org.govtel.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A video meeting's signalling socket ({@code /meet/signal}) as a test speaks it: JSON text out,
 * every message in kept in arrival order (and "closed STATUS" when the server closes it).
 */
final class SignallingClient implements AutoCloseable {

    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private SignallingClient(ConfigurableApplicationContext app) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(RunningApp.baseUrl(app).replace("http", "ws") + "/meet/signal"),
                        new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    replies.add(text.toString());
                                    text.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                                replies.add("closed " + status);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
    }

    static SignallingClient connect(ConfigurableApplicationContext app) throws Exception {
        return new SignallingClient(app);
    }

    void send(String json) throws Exception {
        socket.sendText(json, true).get(5, TimeUnit.SECONDS);
    }

    /** Sends without waiting for the send to finish (the server may close the socket on it). */
    void sendWithoutWaiting(String json) {
        socket.sendText(json, true);
    }

    /** The next message, or null when none comes within {@code wait}. */
    String next(Duration wait) throws InterruptedException {
        return replies.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message containing {@code "type":"TYPE"}, skipping others; null when none comes within {@code wait}. */
    String next(String type, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String marker = "\"type\":\"" + type + "\"";
        while (System.nanoTime() < deadline) {
            String m = replies.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (m != null && m.contains(marker)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
