import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes, from a JFR recording made with settings=profile:
 * {@code java JfrSummary.java rec.jfr [thread group to detail, default sender]}.
 *
 * <p>Java and native method samples (a thread blocked in a socket read is a native sample) of each thread group are
 * put in buckets by the first frame that names a layer: waiting on PostgreSQL, talking SMTP, rendering templates,
 * building MIME. Then the hottest methods (top frame, Java samples only) over all threads.
 */
public class JfrSummary {

    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("org.postgresql.", "PostgreSQL (JDBC: waiting for and reading answers)");
        LAYERS.put("com.zaxxer.hikari.", "PostgreSQL (JDBC: waiting for and reading answers)");
        LAYERS.put("org.eclipse.angus.mail.smtp.", "SMTP conversation");
        // the SMTP transport's socket streams: waiting for the server's replies, writing to it
        LAYERS.put("org.eclipse.angus.mail.util.TraceInputStream", "SMTP conversation");
        LAYERS.put("org.eclipse.angus.mail.util.TraceOutputStream", "SMTP conversation");
        LAYERS.put("org.eclipse.angus.mail.util.TimeoutOutputStream", "SMTP conversation");
        LAYERS.put("org.eclipse.angus.mail.util.SocketFetcher", "SMTP conversation");
        LAYERS.put("org.thymeleaf.", "rendering templates (Thymeleaf)");
        LAYERS.put("org.simplejavamail.", "DKIM signing");
        LAYERS.put("jakarta.mail.", "building and writing MIME");
        LAYERS.put("jakarta.activation.", "building and writing MIME");
        LAYERS.put("org.eclipse.angus.mail.", "building and writing MIME");
        LAYERS.put("org.policyalerts.", "application code");
    }

    public static void main(String[] args) throws Exception {
        String detail = args.length > 1 ? args[1] : "sender";
        Map<String, Map<String, Integer>> byGroup = new HashMap<>();
        Map<String, Integer> hot = new HashMap<>();
        Map<String, Map<String, Integer>> entries = new HashMap<>();
        Map<String, Map<String, Integer>> callers = new HashMap<>();
        int javaSamples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            boolean java = type.equals("jdk.ExecutionSample");
            if (!java && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            if (e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            String group = thread == null ? "?" : thread.replaceAll("-?\\d+$", "");
            String layer = layer(frames);
            byGroup.computeIfAbsent(group, g -> new HashMap<>()).merge(layer, 1, Integer::sum);
            if (group.contains(detail)) {
                entries.computeIfAbsent(layer, l -> new HashMap<>()).merge(layerFrame(frames), 1, Integer::sum);
                callers.computeIfAbsent(layer, l -> new HashMap<>()).merge(caller(frames), 1, Integer::sum);
            }
            if (java) {
                javaSamples++;
                hot.merge(name(frames.get(0)), 1, Integer::sum);
            }
        }
        System.out.println("Samples per thread group and layer (Java + native samples; native = blocked in I/O):");
        byGroup.entrySet().stream()
                .sorted((a, b) -> total(b.getValue()) - total(a.getValue()))
                .limit(8)
                .forEach(g -> {
                    int total = total(g.getValue());
                    System.out.printf("  %-28s %6d samples%n", g.getKey(), total);
                    g.getValue().entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                            .forEach(l -> System.out.printf("      %5.1f %%  %s%n", 100.0 * l.getValue() / total, l.getKey()));
                });
        System.out.println("Threads '" + detail + "': the method of each layer that the samples were in (nearest the top):");
        entries.forEach((layer, frames) -> {
            System.out.println("  " + layer);
            frames.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(5)
                    .forEach(f -> System.out.printf("      %6d  %s%n", f.getValue(), f.getKey()));
            System.out.println("    called from");
            callers.get(layer).entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
                    .forEach(f -> System.out.printf("      %6d  %s%n", f.getValue(), f.getKey()));
        });
        System.out.println("Hottest methods (top frame of Java samples, all threads; " + javaSamples + " samples):");
        int all = javaSamples;
        hot.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                .forEach(h -> System.out.printf("  %5.1f %%  %s%n", 100.0 * h.getValue() / all, h.getKey()));
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (type.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
        }
        return "other (JDK, Spring, Tomcat, idle)";
    }

    private static String layerFrame(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (LAYERS.keySet().stream().anyMatch(type::startsWith)) {
                return name(frame);
            }
        }
        return name(frames.get(0));
    }

    /** The application's own method nearest the top: which of our calls the time was spent under. */
    private static String caller(List<RecordedFrame> frames) {
        return frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("org.policyalerts."))
                .findFirst().map(JfrSummary::name).orElse("(none)");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
