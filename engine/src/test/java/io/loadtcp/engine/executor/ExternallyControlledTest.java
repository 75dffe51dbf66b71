package io.loadtcp.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * k6's externally-controlled executor: its options as a script writes them, and the changes it refuses, with k6's
 * messages. Running it (scaling, pausing, growing the VU pool) is tested over the REST API, in the cli module.
 */
class ExternallyControlledTest {
    private static ExternallyControlled parse(Map<String, Object> config, List<String> problems) {
        ScenarioConfigParser p = new ScenarioConfigParser(null);
        List<Executor> ex = p.scenarios(Map.of("live", config));
        problems.addAll(p.problems());
        return ex.isEmpty() ? null : assertInstanceOf(ExternallyControlled.class, ex.get(0));
    }

    @Test
    void k6sDefaultsAndAZeroDurationThatRunsUntilStopped() {
        List<String> problems = new java.util.ArrayList<>();
        ExternallyControlled x = parse(Map.of("executor", "externally-controlled", "vus", 3, "duration", "0"), problems);
        assertEquals(List.of(), problems);
        assertEquals(3, x.vus());
        assertEquals(3, x.configuredMaxVus(), "maxVUs defaults to vus");
        assertEquals(3, x.maxVus());
        assertTrue(x.endless());
        assertEquals("externally-controlled", x.type());

        ExternallyControlled none = parse(Map.of("executor", "externally-controlled", "duration", "10m"), problems);
        assertEquals(List.of(), problems);
        assertEquals(0, none.vus(), "no VUs until the REST API adds some");
        assertFalse(none.endless());
        assertEquals(Duration.ofMinutes(10), none.plannedDuration());
    }

    @Test
    void reportsWhatK6Refuses() {
        List<String> problems = new java.util.ArrayList<>();
        assertEquals(null, parse(Map.of("executor", "externally-controlled", "vus", 5, "maxVUs", 2,
                "gracefulStop", "10s", "rate", 3), problems));
        String all = String.join("\n", problems);
        for (String expected : List.of("scenario live: maxVUs (2) must be at least vus (5)",
                "scenario live: gracefulStop is not supported by the externally-controlled executor",
                "scenario live: duration is required (0 runs until the test is stopped)",
                "scenario live: unknown key \"rate\" for executor externally-controlled")) {
            assertTrue(all.contains(expected), "missing <" + expected + "> in:\n" + all);
        }
    }

    @Test
    void updatesAreCheckedAsK6ChecksThemAndWaitForTheStart() {
        ExternallyControlled x = new ExternallyControlled(ScenarioSettings.named("live"), 2, 4, Duration.ofMinutes(1), null);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> x.update(9, null));
        assertEquals("invalid configuration supplied: the number of active VUs (9) must be less than or equal to the"
                + " number of maxVUs (4)", tooMany.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> x.update(-1, null));
        assertTrue(negative.getMessage().contains("the number of VUs can't be negative"), negative.getMessage());
        IllegalArgumentException lower = assertThrows(IllegalArgumentException.class, () -> x.update(1, 3));
        assertEquals("the new number of max VUs cannot be lower than the starting number of max VUs (4)", lower.getMessage());
        assertEquals(2, x.vus(), "a refused update changes nothing");

        x.update(6, 8); // before the start: kept for it
        assertEquals(6, x.vus());
        assertEquals(8, x.configuredMaxVus());
        assertEquals(4, x.maxVus(), "the run initialises the script's maxVUs at launch; the start adds the others");
        IllegalStateException pause = assertThrows(IllegalStateException.class, () -> x.setPaused(true));
        assertEquals("cannot pause the externally controlled executor before it has started", pause.getMessage());
        assertEquals(0, x.activeNanos());
    }

    @Test
    void underAnExecutionSegmentEachInstanceRunsItsShare() {
        ExecutionTuple third = ExecutionTuple.of(ExecutionSegment.parse("0:1/3"), ExecutionSegmentSequence.parse("0,1/3,2/3,1"));
        ExternallyControlled x = new ExternallyControlled(ScenarioSettings.named("live"), 3, 9, Duration.ZERO, third);
        assertEquals(3, x.maxVus(), "a third of 9 initialised here");
        assertEquals(9, x.configuredMaxVus(), "the whole test's, as the REST API reports and takes it");
    }
}
