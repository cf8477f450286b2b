package org.policyalerts.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local web server serving the feed files of src/test/resources/feeds/ at paths the test chooses, each with an
 * ETag (its version) honoured with 304 on If-None-Match, and counting the 304s it gave.
 */
final class FeedServer implements AutoCloseable {

    private record Served(byte[] body, String contentType, int version) {
    }

    private final HttpServer server;
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, Integer> slow = new ConcurrentHashMap<>();
    final AtomicInteger notModified = new AtomicInteger();

    FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (slow.containsKey(path)) {
                    trickle(exchange, slow.get(path));
                    return;
                }
                if (redirects.containsKey(path)) {
                    exchange.getResponseHeaders().add("Location", redirects.get(path));
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
                Served served = files.get(path);
                if (served == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String etag = "\"v" + served.version() + "\"";
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.getResponseHeaders().add("Content-Type", served.contentType());
                exchange.sendResponseHeaders(200, served.body().length);
                exchange.getResponseBody().write(served.body());
            }
        });
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "feed-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** Headers at once, then the body a byte every 100 ms for at most {@code bytes} bytes (bounded, never endless). */
    private static void trickle(HttpExchange exchange, int bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, 0);
        try {
            for (int i = 0; i < bytes; i++) {
                exchange.getResponseBody().write(' ');
                exchange.getResponseBody().flush();
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client hung up: what the test wants
        }
    }

    /** Serves a body that takes {@code bytes} tenths of a second to arrive. */
    void slow(String path, int bytes) {
        slow.put(path, bytes);
    }

    /** Serves the fixture at the path; serving another fixture there later changes its ETag. */
    void serve(String path, String fixture, String contentType) {
        byte[] body;
        try (InputStream in = FeedServer.class.getResourceAsStream("/feeds/" + fixture)) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.merge(path, new Served(body, contentType, 1),
                (old, fresh) -> new Served(fresh.body(), contentType, old.version() + 1));
    }

    void serve(String path, String fixture) {
        serve(path, fixture, "application/xml");
    }

    void redirect(String path, String location) {
        redirects.put(path, location);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
