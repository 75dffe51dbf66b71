package io.loadtcp.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** options.scenarios as a k6 user writes them: defaults, every executor, and all problems reported at once. */
class ScenarioConfigParserTest {
    private static Map<String, Object> scenarios(Object... nameConfig) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameConfig.length; i += 2) m.put((String) nameConfig[i], nameConfig[i + 1]);
        return m;
    }

    @Test
    void everyExecutorWithK6sDefaults() {
        ScenarioConfigParser p = new ScenarioConfigParser(null);
        List<Executor> ex = p.scenarios(scenarios(
                "shared", Map.of("executor", "shared-iterations"),
                "pervu", Map.of("executor", "per-vu-iterations", "vus", 3, "iterations", 2),
                "constant", Map.of("executor", "constant-vus", "duration", "30s", "exec", "other",
                        "tags", Map.of("kind", "steady"), "env", Map.of("MODE", "a"), "startTime", "5s"),
                "ramp", Map.of("executor", "ramping-vus", "stages", List.of(Map.of("duration", "10s", "target", 7))),
                "car", Map.of("executor", "constant-arrival-rate", "rate", 50, "duration", "1m", "preAllocatedVUs", 4),
                "rar", Map.of("executor", "ramping-arrival-rate", "timeUnit", "1m", "preAllocatedVUs", 2, "maxVUs", 9,
                        "stages", List.of(Map.of("duration", 1000, "target", 60)))));
        assertEquals(List.of(), p.problems());
        assertEquals(List.of("shared-iterations", "per-vu-iterations", "constant-vus", "ramping-vus",
                "constant-arrival-rate", "ramping-arrival-rate"), ex.stream().map(Executor::type).toList());
        SharedIterations shared = (SharedIterations) ex.get(0);
        assertEquals(1, shared.maxVus());
        assertEquals(1, shared.totalIterations());
        assertEquals(Duration.ofMinutes(10), shared.plannedDuration());
        assertEquals(ScenarioSettings.DEFAULT_GRACEFUL_STOP, shared.settings().gracefulStop());
        assertEquals("default", shared.settings().exec());
        assertEquals(6, ((PerVuIterations) ex.get(1)).totalIterations());
        ScenarioSettings c = ex.get(2).settings();
        assertEquals("other", c.exec());
        assertEquals(Duration.ofSeconds(5), c.startTime());
        assertEquals("steady", c.tags().get("kind"));
        assertEquals("constant", c.tags().get("scenario"));
        assertEquals(Map.of("MODE", "a"), c.env());
        assertEquals(7, ex.get(3).maxVus());
        assertEquals(1, ((RampingVus) ex.get(3)).targetAt(0)); // startVUs defaults to 1
        assertEquals(4, ex.get(4).maxVus()); // maxVUs defaults to preAllocatedVUs
        assertEquals(50.0, ((ConstantArrivalRate) ex.get(4)).ratePerSecond(), 1e-9);
        assertEquals(9, ex.get(5).maxVus());
        assertEquals(Duration.ofSeconds(1), ex.get(5).plannedDuration());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ScenarioConfigParser p = new ScenarioConfigParser(null);
        List<Executor> ex = p.scenarios(scenarios(
                "a", Map.of("executor", "constant-looping-vus"),
                "b", Map.of("vus", 2),
                "c", Map.of("executor", "constant-vus", "vus", -1),
                "d", Map.of("executor", "constant-arrival-rate", "duration", "1m", "rate", 10, "vu", 3),
                "e", Map.of("executor", "ramping-vus", "gracefulRampDown", "soon"),
                "f", Map.of("executor", "shared-iterations", "gracefulStop", "-5s", "duration", "1m"),
                "bad name!", Map.of("executor", "per-vu-iterations")));
        assertEquals(List.of(), ex);
        String all = String.join("\n", p.problems());
        for (String expected : List.of(
                "scenario a: unknown executor \"constant-looping-vus\"",
                "scenario b: executor is required",
                "scenario c: vus must be at least 1, got -1",
                "scenario c: duration is required",
                "scenario d: unknown key \"vu\"",
                "scenario d: preAllocatedVUs is required",
                "scenario e: stages is required",
                "scenario e: gracefulRampDown: invalid duration \"soon\"",
                "scenario f: gracefulStop must not be negative",
                "scenario f: unknown key \"duration\" for executor shared-iterations",
                "scenario name \"bad name!\" is invalid")) {
            assertTrue(all.contains(expected), "missing <" + expected + "> in:\n" + all);
        }
    }

    @Test
    void stagesFlagAndTheShortcut() {
        ScenarioConfigParser p = new ScenarioConfigParser(null);
        List<Stage> stages = p.stagesFlag(List.of("10s:50,1m:50", "30s:0"));
        assertEquals(List.of(new Stage(Duration.ofSeconds(10), 50), new Stage(Duration.ofMinutes(1), 50),
                new Stage(Duration.ofSeconds(30), 0)), stages);
        Executor ex = p.stagesShortcut(stages, 1, null);
        assertInstanceOf(RampingVus.class, ex);
        assertEquals(50, ex.maxVus());
        assertEquals(Duration.ofSeconds(100), ex.plannedDuration());
        p.stagesFlag(List.of("10s", "x:1", "5s:-2"));
        assertEquals(3, p.problems().size(), p.problems()::toString);
    }

    @Test
    void segmentScalesEachExecutor() {
        ExecutionTuple first = ExecutionTuple.of(ExecutionSegment.parse("0:1/3"), ExecutionSegmentSequence.parse("0,1/3,2/3,1"));
        ScenarioConfigParser p = new ScenarioConfigParser(first);
        List<Executor> ex = p.scenarios(scenarios(
                "shared", Map.of("executor", "shared-iterations", "vus", 10, "iterations", 100),
                "pervu", Map.of("executor", "per-vu-iterations", "vus", 5, "iterations", 4),
                "constant", Map.of("executor", "constant-vus", "vus", 10, "duration", "1s")));
        assertEquals(List.of(), p.problems());
        assertEquals(34, ((SharedIterations) ex.get(0)).totalIterations());
        assertEquals(4, ex.get(0).maxVus());
        assertEquals(2, ex.get(1).maxVus());
        assertEquals(8, ((PerVuIterations) ex.get(1)).totalIterations());
        assertEquals(4, ex.get(2).maxVus());
    }
}
