import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sign-up load for bench/run.sh: {@code java SignupLoad <base-url> <threads> <warmup-s> <seconds>}.
 *
 * <p>Each thread is one browser: it GETs /subscribe once for its session cookie and CSRF token, then POSTs the form
 * as fast as answers come back (closed loop), each time with a new address, so every post stores a pending reader
 * and queues a confirmation mail. Only POSTs are timed; a post counts as done when answered with the form's
 * redirect (302). Prints requests/s and latency percentiles of the measured period, after the warm-up.
 */
public class SignupLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String[] TOPICS = {"energy-economics", "us-policy", "military-security", "terrorism"};
    private static final String[] REGIONS = {"iran", "iraq", "syria", "israel", "egypt", "turkey"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int threads = Integer.parseInt(args[1]);
        long warmupNanos = Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
        long measureNanos = Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measureNanos;
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<long[]> perThread = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] latencies = new long[200_000];
            long[] count = new long[1];
            perThread.add(count);
            perThread.add(latencies);
            Thread worker = new Thread(() -> {
                try {
                    HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(base + "/subscribe"))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    String cookie = form.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
                    Matcher csrf = CSRF.matcher(form.body());
                    if (!csrf.find()) {
                        throw new IllegalStateException("no CSRF token on /subscribe");
                    }
                    String token = csrf.group(1);
                    while (true) {
                        long n = sequence.incrementAndGet();
                        String body = "_csrf=" + enc(token) + "&email=" + enc("load-" + run + "-" + n + "@example.net")
                                + "&match=any&frequency=immediate&topics=" + TOPICS[(int) (n % TOPICS.length)]
                                + "&regions=" + REGIONS[(int) (n % REGIONS.length)] + "&consentVersion=v1&website=";
                        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/subscribe"))
                                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long sent = System.nanoTime();
                        if (sent >= end) {
                            return;
                        }
                        HttpResponse<String> answer = client.send(post, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - sent;
                        if (answer.statusCode() != 302) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("answer " + answer.statusCode() + ": "
                                        + answer.body().substring(0, Math.min(300, answer.body().length())));
                            }
                        } else if (sent >= measureFrom && count[0] < latencies.length) {
                            latencies[(int) count[0]++] = took;
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println("worker stopped: " + e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        int total = 0;
        for (int i = 0; i < perThread.size(); i += 2) {
            total += (int) perThread.get(i)[0];
        }
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < perThread.size(); i += 2) {
            int n = (int) perThread.get(i)[0];
            System.arraycopy(perThread.get(i + 1), 0, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        double seconds = measureNanos / 1e9;
        System.out.printf("signup_threads=%d%n", threads);
        System.out.printf("signup_requests=%d%n", total);
        System.out.printf("signup_errors=%d%n", errors.get());
        System.out.printf("signup_rps=%.0f%n", total / seconds);
        System.out.printf("signup_p50_ms=%.1f%n", percentile(all, 0.50));
        System.out.printf("signup_p90_ms=%.1f%n", percentile(all, 0.90));
        System.out.printf("signup_p99_ms=%.1f%n", percentile(all, 0.99));
        System.out.printf("signup_max_ms=%.1f%n", all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
