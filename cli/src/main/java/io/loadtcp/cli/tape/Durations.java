package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.cli.UserError;
import java.time.Duration;

/** Parses durations as k6 writes them: {@code 300ms}, {@code 5s}, {@code 2m}. */
final class Durations {
    private Durations() {}

    static Duration parse(String text, String option) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(text.trim());
        if (!m.matches()) throw new UserError(ExitCodes.USAGE, "invalid " + option + " '" + text + "': expected e.g. 300ms, 5s or 2m");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
