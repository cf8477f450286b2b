package org.policyalerts.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches a feed on an editor's behalf, so it must not reach inside the network: http and https only, redirects
 * followed by hand (at most {@code maxRedirects}), and each URL's host resolved and refused if any of its addresses
 * is loopback, link-local (cloud metadata), private, multicast or unspecified. Compromise: java.net.http cannot be
 * pinned to the address checked, so a name re-resolving differently between the check and the connect (DNS
 * rebinding) is not fully closed; the check runs immediately before each request to keep that window small.
 * <p>
 * All feeds poll on one thread, so the whole fetch (redirects, headers and body) has one deadline: on Java 17
 * {@link HttpRequest.Builder#timeout} only covers the wait for the headers, so the body stream is closed from a timer
 * when the deadline passes, which ends a read that a slow server keeps alive byte by byte.
 */
class FeedFetcher {

    /** A fetch that went wrong in a way worth telling staff (the message is shown on the feed's page). */
    static class FetchFailed extends Exception {
        FetchFailed(String message) {
            super(message);
        }
    }

    /** The body (null on 304 Not Modified) and the validators for the next conditional GET. */
    record Fetched(byte[] body, String contentType, String etag, String lastModified) {
        boolean notModified() {
            return body == null;
        }
    }

    /** Closes the body streams of fetches past their deadline; one daemon thread for every fetcher. */
    private static final ScheduledThreadPoolExecutor DEADLINES = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "feed-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    static {
        DEADLINES.setRemoveOnCancelPolicy(true);
    }

    private final FeedProperties properties;
    private final HttpClient client;

    FeedFetcher(FeedProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout()).build();
    }

    Fetched fetch(String url, String etag, String lastModified) throws FetchFailed, InterruptedException {
        URI first = parse(url);
        URI uri = first;
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        for (int redirects = 0; ; redirects++) {
            check(uri);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(left(deadline)).GET()
                    .header("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, */*;q=0.5");
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new FetchFailed("Could not fetch " + redacted(uri) + ": " + e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                close(response);
                if (redirects >= properties.maxRedirects()) {
                    throw new FetchFailed("More than " + properties.maxRedirects() + " redirects from " + redacted(first));
                }
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw new FetchFailed("Redirect without Location from " + redacted(uri));
                }
                uri = parse(uri.resolve(location.trim()).toString());
                continue;
            }
            String newEtag = response.headers().firstValue("ETag").orElse(null);
            String newLastModified = response.headers().firstValue("Last-Modified").orElse(null);
            if (status == 304) {
                close(response);
                return new Fetched(null, null, newEtag, newLastModified);
            }
            if (status != 200) {
                close(response);
                throw new FetchFailed("HTTP " + status + " from " + redacted(uri));
            }
            return new Fetched(read(response.body(), deadline), response.headers().firstValue("Content-Type").orElse(null),
                    newEtag, newLastModified);
        }
    }

    /** What is left of the fetch's deadline; none left fails the fetch. */
    private Duration left(long deadline) throws FetchFailed {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw timedOut();
        }
        return Duration.ofNanos(nanos);
    }

    private FetchFailed timedOut() {
        return new FetchFailed("The feed took longer than " + properties.timeout() + " to fetch; refused");
    }

    /**
     * Reads at most the size cap and one byte more, so a larger feed is refused without buffering all of it; the
     * stream is closed under the read when the deadline passes.
     */
    private byte[] read(InputStream body, long deadline) throws FetchFailed {
        long cap = properties.maxSize().toBytes();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> closer = DEADLINES.schedule(() -> {
            expired.set(true);
            closeQuietly(body);
        }, left(deadline).toNanos(), TimeUnit.NANOSECONDS);
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (expired.get()) {
                throw timedOut();
            }
            if (bytes.length > cap) {
                throw new FetchFailed("Feed larger than " + properties.maxSize() + "; refused");
            }
            return bytes;
        } catch (IOException e) {
            throw expired.get() ? timedOut() : new FetchFailed("Could not read the feed: " + e);
        } finally {
            closer.cancel(false);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        closeQuietly(response.body());
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing more to read from it either way
        }
    }

    static URI parse(String url) throws FetchFailed {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new FetchFailed("Not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new FetchFailed("Only http and https feed URLs are fetched, not " + (scheme.isEmpty() ? "this one" : scheme));
        }
        return uri;
    }

    private void check(URI uri) throws FetchFailed {
        if (properties.allowPrivateNetworks()) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new FetchFailed("Unknown host " + uri.getHost());
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                throw new FetchFailed("Refused: " + uri.getHost() + " resolves to the internal address "
                        + address.getHostAddress() + " (set ALERTS_FEEDS_ALLOW_PRIVATE_NETWORKS=true to allow it)");
            }
        }
    }

    /**
     * Loopback, link-local (169.254/16 with cloud metadata, fe80::/10), private (10/8, 172.16/12, 192.168/16,
     * fc00::/7), multicast, unspecified, carrier-grade NAT (100.64/10), "this network" (0/8), benchmarking
     * (198.18/15), reserved and broadcast (240/4, 255.255.255.255), and the deprecated IPv4-compatible ::/96. An
     * IPv6 address that carries an IPv4 one to a gateway (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4
     * 2002::/16) is judged as that IPv4 address, so a public host behind DNS64 still works.
     */
    static boolean internal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            int embedded = isMapped(b) || isNat64(b) ? 12 : isSixToFour(b) ? 2 : -1;
            if (embedded >= 0) {
                try {
                    return internal(InetAddress.getByAddress(Arrays.copyOfRange(b, embedded, embedded + 4)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()
                || (address instanceof Inet6Address && ((b[0] & 0xfe) == 0xfc || zeros(b, 0, 12))) // fc00::/7, ::/96
                || (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) // 100.64/10 carrier-grade NAT
                || (b.length == 4 && (b[0] & 0xff) == 198 && (b[1] & 0xfe) == 18) // 198.18/15 benchmarking
                || (b.length == 4 && (b[0] & 0xf0) == 0xf0) // 240/4 reserved, with 255.255.255.255
                || (b.length == 4 && b[0] == 0); // 0/8 "this network"
    }

    private static boolean isNat64(byte[] b) {
        return b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && zeros(b, 4, 12);
    }

    private static boolean isSixToFour(byte[] b) {
        return b[0] == 0x20 && b[1] == 0x02;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A feed URL as the log may show it: without user info (a password) or query (often an access token). */
    static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static boolean isMapped(byte[] b) {
        return zeros(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
