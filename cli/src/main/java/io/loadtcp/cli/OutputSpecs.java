package io.loadtcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which outputs a run has, as k6 decides it: the {@code --out} flags; without any, the environment
 * ({@code LOADTCP_OUT}, else k6's {@code K6_OUT}); without that, the config file's {@code "out"} (a string or an
 * array of strings). Each source replaces the ones below it whole, as k6's {@code out} option does.
 *
 * @param specs  the {@code TYPE=ARGS} specs, in order
 * @param source where they came from, for error messages: {@code --out}, {@code K6_OUT}, …
 */
record OutputSpecs(List<String> specs, String source) {
    /** The source of specs given as flags, whose errors already name it. */
    static final String FLAGS = "--out";
    private static final Set<String> TYPES = Set.of("json", "csv", "prometheus", RunOutputs.RW);

    static OutputSpecs choose(List<String> flags, Map<String, String> environment, JsonNode config) {
        if (!flags.isEmpty()) return new OutputSpecs(List.copyOf(flags), FLAGS);
        for (String variable : List.of("LOADTCP_OUT", "K6_OUT")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) return new OutputSpecs(split(value.strip()), variable);
        }
        JsonNode out = config == null ? null : config.get("out");
        if (out == null || out.isNull()) return new OutputSpecs(List.of(), FLAGS);
        List<String> specs = new ArrayList<>();
        if (out.isTextual()) {
            specs.add(out.asText());
        } else if (out.isArray() && allText(out)) {
            out.forEach(spec -> specs.add(spec.asText()));
        } else {
            throw new UserError(ExitCodes.INVALID_CONFIG, "config file: \"out\" must be a string or an array of strings,"
                    + " such as [\"json=results.json\"], was " + out);
        }
        return new OutputSpecs(specs, "the config file's \"out\"");
    }

    /**
     * One variable holds several outputs separated by commas (k6 splits {@code K6_OUT} so), but an output's own options
     * are separated by commas too ({@code csv=f.csv,timeFormat=unix}): a new output starts only where a piece names
     * an output type.
     */
    static List<String> split(String value) {
        List<String> specs = new ArrayList<>();
        for (String piece : value.split(",")) {
            int end = piece.indexOf('=');
            String type = (end < 0 ? piece : piece.substring(0, end)).strip();
            if (specs.isEmpty() || TYPES.contains(type)) specs.add(piece.strip());
            else specs.set(specs.size() - 1, specs.get(specs.size() - 1) + "," + piece);
        }
        return specs;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode element : array) if (!element.isTextual()) return false;
        return true;
    }
}
