package io.loadtcp.cli;

import io.loadtcp.cli.tape.Endpoints;
import io.loadtcp.engine.Durations;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.threshold.MetricThresholds;
import io.loadtcp.engine.metrics.threshold.Threshold;
import io.loadtcp.engine.net.Addresses;
import io.loadtcp.engine.output.file.K6CsvFormat;
import io.loadtcp.engine.output.file.K6JsonFormat;
import io.loadtcp.engine.output.file.SampleFileOutput;
import io.loadtcp.engine.output.prometheus.PrometheusEndpoint;
import io.loadtcp.engine.output.prometheus.PrometheusRemoteWrite;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The outputs of {@code run --out TYPE=ARGS} (k6's flag): parsed and started before the script loads, so that a busy
 * port or a file that cannot be written is reported before any work and they see the run from its first second;
 * finished after the run. {@code prometheus=HOST:PORT[,linger=DURATION]} serves the totals and
 * {@code experimental-prometheus-rw[=URL]} pushes them; {@code json=FILE} and {@code csv=FILE[,timeFormat=F]} write
 * every sample.
 */
final class RunOutputs implements AutoCloseable {
    static final String USE = "use --out prometheus=HOST:PORT[,linger=DURATION], --out experimental-prometheus-rw[=URL][,pushInterval=DURATION], "
            + "--out json=FILE or --out csv=FILE[,timeFormat=FORMAT]";
    static final String RW = "experimental-prometheus-rw";
    static final String DEFAULT_RW_URL = "http://localhost:9090/api/v1/write";

    private record Endpoint(PrometheusEndpoint endpoint, Duration linger) {}

    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<SampleFileOutput> files = new ArrayList<>();
    private final List<K6JsonFormat> jsonFormats = new ArrayList<>();
    private final List<PrometheusRemoteWrite> remoteWrites = new ArrayList<>();

    /** Parses every spec first (nothing starts when one is wrong), then starts them; exits 104, 2 or 4 with one line. */
    static RunOutputs start(OutputSpecs specs, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        List<Object> parsed = new ArrayList<>();
        for (String spec : specs.specs()) {
            try {
                parsed.add(parse(spec, environment));
            } catch (UserError e) {
                if (specs.source().equals(OutputSpecs.FLAGS)) throw e;
                throw new UserError(e.exitCode(), "in " + specs.source() + ": " + e.getMessage(), e);
            }
        }
        RunOutputs outputs = new RunOutputs();
        try {
            for (Object p : parsed) {
                switch (p) {
                    case PrometheusSpec s -> outputs.startPrometheus(s, err);
                    case FileSpec s -> outputs.createFile(s, out, err);
                    case RemoteWriteSpec s -> outputs.remoteWrites.add(new PrometheusRemoteWrite(s.url(), s.pushInterval(), warnings(err)));
                    default -> throw new IllegalStateException(p.toString());
                }
            }
        } catch (RuntimeException e) {
            outputs.close();
            throw e;
        }
        return outputs;
    }

    private static Object parse(String spec, Map<String, String> environment) {
        int cut = 0; // the type ends at '=' or ',' (experimental-prometheus-rw,pushInterval=1s has no URL)
        while (cut < spec.length() && spec.charAt(cut) != '=' && spec.charAt(cut) != ',') cut++;
        String type = spec.substring(0, cut);
        String args = cut < spec.length() ? spec.substring(cut + 1) : "";
        return switch (type) {
            case "prometheus" -> PrometheusSpec.parse(spec, args);
            case "json", "csv" -> FileSpec.parse(spec, type, args);
            case RW -> RemoteWriteSpec.parse(spec, args, environment);
            default -> throw new UserError(ExitCodes.INVALID_CONFIG, "unknown output \"" + type + "\" in --out " + spec + ": " + USE);
        };
    }

    private void startPrometheus(PrometheusSpec p, PrintWriter err) {
        PrometheusEndpoint endpoint;
        try {
            endpoint = PrometheusEndpoint.start(p.address(), warnings(err));
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO_ERROR, "--out prometheus: cannot listen on " + p.text() + ": " + IoErrors.describe(e), e);
        }
        endpoints.add(new Endpoint(endpoint, p.linger()));
        err.println("loadtcp: Prometheus metrics at http://" + Addresses.format(endpoint.address()) + "/metrics");
    }

    private void createFile(FileSpec f, PrintWriter out, PrintWriter err) {
        K6JsonFormat json = f.type().equals("json") ? new K6JsonFormat() : null;
        try {
            files.add(SampleFileOutput.create(f.file(), json != null ? json : new K6CsvFormat(f.timeFormat()),
                    new WriterOutputStream(out), warnings(err)));
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO_ERROR, "--out " + f.type() + ": cannot write " + f.file() + ": " + IoErrors.describe(e), e);
        }
        if (json != null) jsonFormats.add(json);
    }

    /** The outputs as listeners of the run; {@code thresholds} are named in the JSON file's metric declarations, as k6 does. */
    List<MetricsListener> listeners(List<MetricThresholds> thresholds) {
        Map<String, List<String>> byMetric = new LinkedHashMap<>();
        for (MetricThresholds t : thresholds) {
            if (!t.selector().filter().isEmpty()) continue; // k6 lists a submetric's thresholds under the submetric
            for (Threshold th : t.thresholds()) byMetric.computeIfAbsent(t.metricName(), k -> new ArrayList<>()).add(th.source());
        }
        jsonFormats.forEach(j -> j.thresholds(byMetric));
        List<MetricsListener> listeners = new ArrayList<>();
        for (Endpoint s : endpoints) listeners.add(s.endpoint());
        listeners.addAll(files);
        listeners.addAll(remoteWrites);
        return listeners;
    }

    /** After the summary: keeps each endpoint with a linger up until its final values were scraped, or the linger ran out. */
    void linger(PrintWriter err) {
        for (Endpoint s : endpoints) {
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

    /**
     * After the run: pushes the final values to each remote-write receiver, writes what the files still wait for and
     * closes them, saying how many samples each holds. False when a file is incomplete (a write failed), which the
     * run's exit code must show; a receiver that refused the final values is a warning, as in k6.
     */
    boolean finish(PrintWriter err) {
        for (PrometheusRemoteWrite rw : remoteWrites) {
            rw.close();
            if (rw.lastFailure() != null) err.println("WARN --out " + RW + ": the final values did not reach " + rw.url() + ": " + rw.lastFailure());
            else err.println("loadtcp: " + rw.pushed() + " pushes to " + rw.url() + ", the last with the final values");
        }
        boolean complete = true;
        for (SampleFileOutput f : files) {
            f.close();
            if (f.failure() != null) {
                complete = false;
                err.println("ERRO --out: " + f.name() + " is incomplete (" + f.written() + " samples written): "
                        + IoErrors.describe(f.failure()));
            } else if (f.dropped() > 0) {
                complete = false;
                err.println("ERRO --out: " + f.name() + " is incomplete (" + f.written() + " samples written, " + f.dropped()
                        + " dropped): writing could not keep up with the run");
            } else if (!f.name().equals("-")) {
                err.println("loadtcp: " + f.written() + " samples written to " + f.name());
            }
        }
        err.flush();
        return complete;
    }

    @Override
    public void close() {
        endpoints.forEach(s -> s.endpoint().close());
        files.forEach(SampleFileOutput::close);
        remoteWrites.forEach(PrometheusRemoteWrite::close);
    }

    /** An output's warnings, one {@code WARN} line each, printed at once (they come from the outputs' own threads). */
    private static Consumer<String> warnings(PrintWriter err) {
        return warning -> {
            err.println("WARN " + warning);
            err.flush();
        };
    }

    /** The duration option {@code name} of {@code spec}; a value that does not parse is exit 104. */
    private static Duration durationOption(String spec, String name, String value) {
        try {
            return Durations.parse(value, name);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": " + e.getMessage());
        }
    }

    /** {@code prometheus=HOST:PORT[,linger=DURATION]}. */
    record PrometheusSpec(String text, InetSocketAddress address, Duration linger) {
        static PrometheusSpec parse(String spec, String args) {
            String[] parts = args.split(",");
            if (parts[0].isEmpty()) {
                throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": the address to listen on is missing: " + USE);
            }
            InetSocketAddress resolved = Endpoints.resolvedOption(parts[0], "--out prometheus address", "--out " + spec);
            Duration linger = Duration.ZERO;
            for (int i = 1; i < parts.length; i++) {
                String option = parts[i];
                if (!option.startsWith("linger=")) {
                    throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": unknown option '" + option + "': " + USE);
                }
                linger = durationOption(spec, "linger", option.substring("linger=".length()));
                if (linger.isNegative()) {
                    throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": linger must not be negative");
                }
            }
            return new PrometheusSpec(parts[0], resolved, linger);
        }
    }

    /**
     * {@code experimental-prometheus-rw[=URL][,pushInterval=DURATION]}; as in k6, {@code K6_PROMETHEUS_RW_SERVER_URL}
     * and {@code K6_PROMETHEUS_RW_PUSH_INTERVAL} set them too (the flag wins), {@code serverUrl=URL} is accepted.
     */
    record RemoteWriteSpec(URI url, Duration pushInterval) {
        static RemoteWriteSpec parse(String spec, String args, Map<String, String> environment) {
            String url = environment.getOrDefault("K6_PROMETHEUS_RW_SERVER_URL", DEFAULT_RW_URL);
            String interval = environment.get("K6_PROMETHEUS_RW_PUSH_INTERVAL");
            for (String part : args.split(",")) {
                if (part.isEmpty()) continue;
                if (part.startsWith("serverUrl=")) url = part.substring("serverUrl=".length());
                else if (part.startsWith("pushInterval=")) interval = part.substring("pushInterval=".length());
                else if (!part.contains("=") || part.startsWith("http")) url = part;
                else throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": unknown option '" + part + "': " + USE);
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": '" + url
                        + "' is not an http(s) URL such as " + DEFAULT_RW_URL);
            }
            Duration every = PrometheusRemoteWrite.DEFAULT_PUSH_INTERVAL;
            if (interval != null) {
                every = durationOption(spec, "pushInterval", interval);
                if (every.isNegative() || every.isZero()) {
                    throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": pushInterval must be more than 0");
                }
            }
            return new RemoteWriteSpec(uri, every);
        }
    }

    /**
     * {@code json=FILE} or {@code csv=FILE[,timeFormat=FORMAT]}, as k6; the file may also be given as
     * {@code fileName=FILE} (k6's csv option), and {@code -} is standard output.
     */
    record FileSpec(String type, String file, K6CsvFormat.TimeFormat timeFormat) {
        static FileSpec parse(String spec, String type, String args) {
            String file = null;
            K6CsvFormat.TimeFormat timeFormat = K6CsvFormat.TimeFormat.UNIX;
            for (String part : args.split(",")) {
                if (part.isEmpty()) continue;
                if (part.startsWith("fileName=")) {
                    file = part.substring("fileName=".length());
                } else if (type.equals("csv") && part.startsWith("timeFormat=")) {
                    timeFormat = K6CsvFormat.TimeFormat.named(part.substring("timeFormat=".length()));
                    if (timeFormat == null) {
                        throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": unknown timeFormat '"
                                + part.substring("timeFormat=".length())
                                + "': use unix, unix_milli, unix_micro, unix_nano, rfc3339 or rfc3339_nano");
                    }
                } else if (file == null && !part.contains("=")) {
                    file = part;
                } else {
                    throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": unknown option '" + part + "': " + USE);
                }
            }
            if (file == null || file.isEmpty()) {
                throw new UserError(ExitCodes.INVALID_CONFIG, "--out " + spec + ": the file to write is missing: " + USE);
            }
            return new FileSpec(type, file, timeFormat);
        }
    }
}
