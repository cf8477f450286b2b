package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the form's ticks become in the subscription store (docs/matching.md, "From the form to rows"). */
class ChoicesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing ticked", "any", List.of(), List.of(), Set.of(f(null, null))),
                Arguments.of("nothing ticked, all", "all", List.of(), List.of(), Set.of(f(null, null))),
                Arguments.of("one region", "any", List.of(), List.of("iran"), Set.of(f(null, "iran"))),
                Arguments.of("one topic", "all", List.of("energy-economics"), List.of(), Set.of(f("energy-economics", null))),
                Arguments.of("any: one row per tick", "any", List.of("energy-economics", "us-policy"), List.of("iran"),
                        Set.of(f("energy-economics", null), f("us-policy", null), f(null, "iran"))),
                Arguments.of("all: the cross product", "all", List.of("energy-economics", "us-policy"), List.of("iran", "iraq"),
                        Set.of(f("energy-economics", "iran"), f("energy-economics", "iraq"),
                                f("us-policy", "iran"), f("us-policy", "iraq"))),
                Arguments.of("repeated ticks count once", "any", List.of("terrorism", "terrorism"), List.of(),
                        Set.of(f("terrorism", null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ticksBecomeSubscriptionRows(String name, String match, List<String> topics, List<String> regions,
            Set<Follow> expected) {
        Choices choices = new Choices(Frequency.DAILY, Choices.Match.of(match), topics, regions);

        assertThat(choices.follows()).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Follow f(String topic, String region) {
        return new Follow(topic, region);
    }
}
