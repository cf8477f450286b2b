package org.policyalerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out of API tests. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static Map<String, Object> object(String json) {
        return MAPPER.readValue(json, new TypeReference<>() { });
    }

    public static List<Map<String, Object>> array(String json) {
        return MAPPER.readValue(json, new TypeReference<>() { });
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** A brief as the API takes it. */
    public static String brief(String id, String title, List<String> topics, List<String> regions, Instant publishedAt) {
        return write(Map.of(
                "externalId", id,
                "url", "https://example.org/briefs/" + id,
                "type", "Brief Analysis",
                "title", title,
                "summary", "What it means.",
                "authors", List.of("Mehdi Khalaji"),
                "publishedAt", publishedAt.toString(),
                "topics", topics,
                "regions", regions));
    }
}
