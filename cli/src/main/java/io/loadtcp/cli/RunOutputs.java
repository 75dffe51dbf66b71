package io.loadtcp.cli;

import io.loadtcp.cli.tape.Endpoints;
import io.loadtcp.engine.Durations;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.net.Addresses;
import io.loadtcp.engine.output.prometheus.PrometheusEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of {@code run --out TYPE=ARGS} (k6's flag): parsed and started before the run, so that they see it from
 * its first second, and closed after the summary. One type so far: {@code prometheus=HOST:PORT[,linger=DURATION]}.
 */
final class RunOutputs implements AutoCloseable {
    static final String USE = "use --out prometheus=HOST:PORT[,linger=DURATION]";

    private record Started(PrometheusEndpoint endpoint, Duration linger) {}

    private final List<Started> started = new ArrayList<>();

    /** Parses every spec first (nothing starts when one is wrong), then starts them; exits 104 or 4 with one line. */
    static RunOutputs start(List<String> specs, PrintWriter err) {
        List<PrometheusSpec> parsed = new ArrayList<>();
        for (String spec : specs) parsed.add(PrometheusSpec.parse(spec));
        RunOutputs outputs = new RunOutputs();
        try {
            for (PrometheusSpec p : parsed) {
                PrometheusEndpoint endpoint;
                try {
                    endpoint = PrometheusEndpoint.start(p.address(), warning -> err.println("WARN " + warning));
                } catch (IOException e) {
                    throw new UserError(ExitCodes.IO_ERROR, "--out prometheus: cannot listen on " + p.text() + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
                }
                outputs.started.add(new Started(endpoint, p.linger()));
                InetSocketAddress a = endpoint.address();
                err.println("loadtcp: Prometheus metrics at http://" + Addresses.format(a) + "/metrics");
            }
        } catch (RuntimeException e) {
            outputs.close();
            throw e;
        }
        return outputs;
    }

    List<MetricsListener> listeners() {
        List<MetricsListener> listeners = new ArrayList<>();
        for (Started s : started) listeners.add(s.endpoint());
        return listeners;
    }

    /** After the summary: keeps each endpoint with a linger up until its final values were scraped, or the linger ran out. */
    void linger(PrintWriter err) {
        for (Started s : started) {
            if (s.linger().isZero()) continue;
            err.println("loadtcp: waiting up to " + Units.duration(s.linger().toNanos()) + " for Prometheus to scrape the final values");
            err.flush();
            try {
                if (!s.endpoint().awaitScrape(s.linger())) {
                    err.println("WARN the final values were not scraped within " + Units.duration(s.linger().toNanos()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        started.forEach(s -> s.endpoint().close());
    }

    /** {@code prometheus=HOST:PORT[,linger=DURATION]}. */
    record PrometheusSpec(String text, InetSocketAddress address, Duration linger) {
        static PrometheusSpec parse(String spec) {
            int eq = spec.indexOf('=');
            String type = eq < 0 ? spec : spec.substring(0, eq);
            if (!type.equals("prometheus")) {
                throw new UserError(ExitCodes.INVALID_CONFIG, "unknown output \"" + type + "\" in --out " + spec + ": " + USE);
            }
            String[] parts = eq < 0 ? new String[] {""} : spec.substring(eq + 1).split(",");
            if (parts[0].isEmpty()) {
                throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": the address to listen on is missing: " + USE);
            }
            InetSocketAddress where = Endpoints.parse(parts[0], "--out prometheus address");
            InetSocketAddress resolved = new InetSocketAddress(where.getHostString(), where.getPort());
            if (resolved.isUnresolved()) {
                throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": cannot resolve host '" + where.getHostString() + "'");
            }
            Duration linger = Duration.ZERO;
            for (int i = 1; i < parts.length; i++) {
                String option = parts[i];
                if (!option.startsWith("linger=")) {
                    throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": unknown option '" + option + "': " + USE);
                }
                try {
                    linger = Durations.parse(option.substring("linger=".length()), "linger");
                } catch (IllegalArgumentException e) {
                    throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": " + e.getMessage());
                }
                if (linger.isNegative()) {
                    throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": linger must not be negative");
                }
            }
            return new PrometheusSpec(parts[0], resolved, linger);
        }
    }
}
