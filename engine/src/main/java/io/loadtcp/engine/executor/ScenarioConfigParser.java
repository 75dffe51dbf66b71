package io.loadtcp.engine.executor;

import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns k6's {@code options.scenarios} (plain maps and lists, as parsed from JSON) into executors with k6's keys and
 * defaults (REFERENCE.md §3), scaled to this instance's execution segment. It collects every problem instead of
 * stopping at the first; callers report {@link #problems()} all at once.
 */
public final class ScenarioConfigParser {
    private static final Set<String> COMMON = Set.of("executor", "startTime", "gracefulStop", "exec", "env", "tags");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "shared-iterations", Set.of("vus", "iterations", "maxDuration"),
            "per-vu-iterations", Set.of("vus", "iterations", "maxDuration"),
            "constant-vus", Set.of("vus", "duration"),
            "ramping-vus", Set.of("stages", "startVUs", "gracefulRampDown"),
            "constant-arrival-rate", Set.of("rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs"),
            "ramping-arrival-rate", Set.of("startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs"),
            "externally-controlled", Set.of("vus", "maxVUs", "duration"));
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,100}$");

    private final ExecutionTuple tuple;
    private final Tags testTags;
    private final List<String> problems = new ArrayList<>();

    public ScenarioConfigParser(ExecutionTuple tuple) {
        this(tuple, Tags.EMPTY);
    }

    /**
     * {@code testTags}: k6's test-wide {@code options.tags}, added to every scenario's tags (a scenario's own tags
     * win over them, its {@code scenario} tag over both).
     */
    public ScenarioConfigParser(ExecutionTuple tuple, Tags testTags) {
        this.tuple = tuple == null ? ExecutionTuple.FULL : tuple;
        this.testTags = testTags == null ? Tags.EMPTY : testTags;
    }

    /** The test-wide tags every scenario built here carries. */
    public Tags testTags() {
        return testTags;
    }

    /** Every problem found so far, each naming where it is. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void problem(String p) {
        problems.add(p);
    }

    /** The executors of {@code scenarios} (name → config), in order; broken scenarios are left out and reported. */
    public List<Executor> scenarios(Object scenarios) {
        List<Executor> out = new ArrayList<>();
        if (!(scenarios instanceof Map<?, ?> map)) {
            problems.add("scenarios must be an object of named scenarios");
            return out;
        }
        if (map.isEmpty()) problems.add("scenarios is empty: define at least one scenario");
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            boolean validName = NAME.matcher(name).matches();
            if (!validName) {
                problems.add("scenario name \"" + name + "\" is invalid: use letters, digits, '_' and '-' only");
            }
            if (!(e.getValue() instanceof Map<?, ?> config)) {
                problems.add("scenario " + name + ": must be an object");
                continue;
            }
            Executor ex = scenario(name, config);
            if (ex != null && validName) out.add(ex);
        }
        return out;
    }

    /** One scenario, or null when it has problems (they are recorded). */
    public Executor scenario(String name, Map<?, ?> c) {
        int before = problems.size();
        String where = "scenario " + name;
        Object type = c.get("executor");
        if (type == null) {
            problems.add(where + ": executor is required (one of " + String.join(", ", sortedTypes()) + ")");
            return null;
        }
        Set<String> own = KEYS.get(String.valueOf(type));
        if (own == null) {
            problems.add(where + ": unknown executor \"" + type + "\" (one of " + String.join(", ", sortedTypes()) + ")");
            return null;
        }
        for (Object key : c.keySet()) {
            if (!COMMON.contains(String.valueOf(key)) && !own.contains(String.valueOf(key))) {
                problems.add(where + ": unknown key \"" + key + "\" for executor " + type);
            }
        }
        ScenarioSettings settings = new ScenarioSettings(name, duration(c, "startTime", where, Duration.ZERO),
                duration(c, "gracefulStop", where, ScenarioSettings.DEFAULT_GRACEFUL_STOP), string(c, "exec", where),
                testTags.with(Tags.of(stringMap(c, "tags", where))), stringMap(c, "env", where));
        Executor ex = switch (String.valueOf(type)) {
            case "shared-iterations" -> {
                long vus = number(c, "vus", where, 1, 1);
                long iterations = number(c, "iterations", where, 1, 1);
                Duration max = duration(c, "maxDuration", where, SharedIterations.DEFAULT_MAX_DURATION);
                if (iterations < vus && problems.size() == before) {
                    problems.add(where + ": iterations (" + iterations + ") must be at least vus (" + vus + ")");
                }
                yield new SharedIterations(settings, (int) tuple.scale(vus), tuple.scale(iterations), max);
            }
            case "per-vu-iterations" -> new PerVuIterations(settings, (int) tuple.scale(number(c, "vus", where, 1, 1)),
                    number(c, "iterations", where, 1, 1), duration(c, "maxDuration", where, SharedIterations.DEFAULT_MAX_DURATION));
            case "constant-vus" -> new ConstantVus(settings, (int) tuple.scale(number(c, "vus", where, 1, 1)),
                    requiredDuration(c, "duration", where));
            case "ramping-vus" -> new RampingVus(settings, (int) number(c, "startVUs", where, 1, 0),
                    stages(c.get("stages"), where + ": stages", true),
                    duration(c, "gracefulRampDown", where, RampingVus.DEFAULT_GRACEFUL_RAMP_DOWN), tuple);
            case "constant-arrival-rate" -> {
                long rate = number(c, "rate", where, -1, 1);
                Duration timeUnit = positiveDuration(c, "timeUnit", where, ConstantArrivalRate.DEFAULT_TIME_UNIT);
                Duration duration = requiredDuration(c, "duration", where);
                int pre = (int) number(c, "preAllocatedVUs", where, -1, 0);
                int max = (int) number(c, "maxVUs", where, pre, 0);
                checkMaxVus(where, pre, max);
                yield new ConstantArrivalRate(settings, rate, timeUnit, duration, pre, max, tuple);
            }
            case "ramping-arrival-rate" -> {
                long start = number(c, "startRate", where, 0, 0);
                Duration timeUnit = positiveDuration(c, "timeUnit", where, ConstantArrivalRate.DEFAULT_TIME_UNIT);
                List<Stage> stages = stages(c.get("stages"), where + ": stages", true);
                int pre = (int) number(c, "preAllocatedVUs", where, -1, 0);
                int max = (int) number(c, "maxVUs", where, pre, 0);
                checkMaxVus(where, pre, max);
                yield new RampingArrivalRate(settings, start, timeUnit, stages, pre, max, tuple);
            }
            case "externally-controlled" -> {
                // k6's defaults: no VUs (the REST API adds them), maxVUs = vus; a duration of 0 runs until stopped
                long vus = number(c, "vus", where, 0, 0);
                long max = number(c, "maxVUs", where, vus, 0);
                if (max < vus) problems.add(where + ": maxVUs (" + max + ") must be at least vus (" + vus + ")");
                if (c.get("gracefulStop") != null) {
                    problems.add(where + ": gracefulStop is not supported by the externally-controlled executor"
                            + " (its iterations are interrupted at the end)");
                }
                if (c.get("duration") == null) {
                    problems.add(where + ": duration is required (0 runs until the test is stopped)");
                }
                yield new ExternallyControlled(settings, vus, max, duration(c, "duration", where, Duration.ZERO), tuple);
            }
            default -> throw new IllegalStateException(String.valueOf(type));
        };
        return problems.size() == before ? ex : null;
    }

    private void checkMaxVus(String where, int pre, int max) {
        if (pre >= 0 && max >= 0 && max < pre) {
            problems.add(where + ": maxVUs (" + max + ") must be at least preAllocatedVUs (" + pre + ")");
        }
        if (pre == 0 && max == 0) problems.add(where + ": preAllocatedVUs or maxVUs must be more than 0");
    }

    /**
     * Stages from a JSON list of {duration, target}; {@code required}: an empty or missing list is a problem.
     * {@code where} names them in messages, e.g. "scenario ramp: stages".
     */
    public List<Stage> stages(Object value, String where, boolean required) {
        List<Stage> out = new ArrayList<>();
        if (value == null) {
            if (required) problems.add(where + " is required: a list of {duration, target}");
            return out;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(where + " must be a list of {duration, target}");
            return out;
        }
        if (list.isEmpty() && required) problems.add(where + " must have at least one stage");
        for (int i = 0; i < list.size(); i++) {
            String at = where + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problems.add(at + " must be an object {duration, target}");
                continue;
            }
            for (Object k : m.keySet()) {
                if (!"duration".equals(k) && !"target".equals(k)) problems.add(at + ": unknown key \"" + k + "\"");
            }
            out.add(new Stage(requiredDuration(m, "duration", at), number(m, "target", at, -1, 0)));
        }
        return out;
    }

    /** The CLI's {@code --stage 10s:50,1m:50} (also repeatable); problems are recorded. */
    public List<Stage> stagesFlag(List<String> texts) {
        List<Stage> out = new ArrayList<>();
        for (String text : texts) {
            for (String part : text.split(",")) {
                String p = part.trim();
                int colon = p.lastIndexOf(':');
                if (colon <= 0) {
                    problems.add("invalid --stage \"" + p + "\": use DURATION:TARGET, e.g. 30s:10");
                    continue;
                }
                Duration d = parseDuration(p.substring(0, colon), "--stage duration");
                long target;
                try {
                    target = Long.parseLong(p.substring(colon + 1).trim());
                    if (target < 0) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    problems.add("invalid --stage \"" + p + "\": the target must be a whole number, 0 or more");
                    continue;
                }
                if (d != null) out.add(new Stage(d, target));
            }
        }
        return out;
    }

    /** k6's stages shortcut: ramping-vus from {@code startVUs}, named "default". */
    public Executor stagesShortcut(List<Stage> stages, int startVus, Duration gracefulStop) {
        ScenarioSettings settings = new ScenarioSettings("default", null, gracefulStop, null, testTags, null);
        return new RampingVus(settings, startVus, stages, null, tuple);
    }

    private long number(Map<?, ?> c, String key, String where, long dflt, long min) {
        Object v = c.get(key);
        if (v == null) {
            if (dflt < 0) problems.add(where + ": " + key + " is required");
            return Math.max(dflt, 0);
        }
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                problems.add(where + ": " + key + " must be a whole number, got " + v);
                return Math.max(dflt, 0);
            }
        }
        if (n < min) {
            problems.add(where + ": " + key + " must be " + (min == 0 ? "0 or more" : "at least " + min) + ", got " + n);
            return Math.max(dflt, 0);
        }
        return n;
    }

    private Duration duration(Map<?, ?> c, String key, String where, Duration dflt) {
        Object v = c.get(key);
        if (v == null) return dflt;
        Duration d = v instanceof Number n ? Duration.ofNanos((long) (n.doubleValue() * 1_000_000))
                : parseDuration(String.valueOf(v), where + ": " + key);
        if (d == null) return dflt;
        if (d.isNegative()) {
            problems.add(where + ": " + key + " must not be negative, got " + v);
            return dflt;
        }
        return d;
    }

    private Duration requiredDuration(Map<?, ?> c, String key, String where) {
        if (c.get(key) == null) {
            problems.add(where + ": " + key + " is required");
            return Duration.ZERO;
        }
        return duration(c, key, where, Duration.ZERO);
    }

    private Duration positiveDuration(Map<?, ?> c, String key, String where, Duration dflt) {
        Duration d = duration(c, key, where, dflt);
        if (d.isZero()) {
            problems.add(where + ": " + key + " must be more than 0");
            return dflt;
        }
        return d;
    }

    private String string(Map<?, ?> c, String key, String where) {
        Object v = c.get(key);
        if (v == null) return null;
        if (!(v instanceof String s) || s.isBlank()) {
            problems.add(where + ": " + key + " must be the name of an exported function");
            return null;
        }
        return s;
    }

    private Map<String, String> stringMap(Map<?, ?> c, String key, String where) {
        Object v = c.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) return out;
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(where + ": " + key + " must be an object of strings");
            return out;
        }
        m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
        return out;
    }

    /** A k6 duration ({@link Durations}); null, with the problem recorded, when invalid. */
    Duration parseDuration(String text, String what) {
        try {
            return Durations.parse(text, "duration");
        } catch (IllegalArgumentException e) {
            problems.add(what + ": " + e.getMessage());
            return null;
        }
    }

    private static List<String> sortedTypes() {
        return KEYS.keySet().stream().sorted().toList();
    }
}
