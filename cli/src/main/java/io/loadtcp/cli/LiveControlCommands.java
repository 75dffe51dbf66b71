package io.loadtcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadtcp.cli.tape.Endpoints;
import io.loadtcp.engine.net.Addresses;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * k6's commands that drive a test while it runs, through the REST API of {@code loadtcp run --address}:
 * {@code status}, {@code pause}, {@code resume} and {@code scale}, with k6's flags and default address. Each prints
 * the run's status as the API returns it; a refusal is printed with the API's own title and reason.
 */
final class LiveControlCommands {
    static final String DEFAULT_ADDRESS = "localhost:6565";

    private LiveControlCommands() {}

    /** One request to {@code /v1/status}: a GET, or a PATCH of {@link #attributes()}. */
    abstract static class Request implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = {"-a", "--address"}, paramLabel = "HOST:PORT", defaultValue = DEFAULT_ADDRESS,
                description = "The REST API of the running test, as given to `loadtcp run --address` (default ${DEFAULT-VALUE}, as k6).")
        String address;

        private final ObjectMapper json = new ObjectMapper();

        /** The attributes to PATCH, or null for a GET. */
        abstract Map<String, Object> attributes();

        @Override
        public Integer call() throws InterruptedException {
            URI uri = URI.create("http://" + Addresses.format(Endpoints.parse(address, "--address")) + "/v1/status");
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)); // scaling up initialises VUs
            Map<String, Object> attributes = attributes();
            if (attributes == null) {
                request.GET();
            } else {
                ObjectNode body = json.createObjectNode();
                ObjectNode data = body.putObject("data").put("type", "status").put("id", "default");
                data.set("attributes", json.valueToTree(attributes));
                request.method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()));
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response;
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UserError(ExitCodes.IO_ERROR, "cannot reach the REST API at " + uri + ": "
                        + (e instanceof ConnectException ? "connection refused" : IoErrors.describe(e))
                        + " (is a test running with --address " + address + "?)", e);
            }
            JsonNode reply;
            try {
                reply = json.readTree(response.body());
            } catch (IOException e) {
                throw new UserError(ExitCodes.IO_ERROR, uri + " answered " + response.statusCode() + " with no JSON: "
                        + firstLine(response.body()), e);
            }
            JsonNode error = reply.path("errors").path(0);
            if (response.statusCode() != 200 || !error.isMissingNode()) {
                throw new UserError(ExitCodes.REFUSED_BY_REST_API, error.path("title").asText("HTTP " + response.statusCode())
                        + ": " + error.path("detail").asText(firstLine(response.body())));
            }
            print(reply.path("data").path("attributes"), spec.commandLine().getOut());
            return ExitCodes.OK;
        }

        /** The status as YAML, as k6 prints it. */
        private static void print(JsonNode attributes, PrintWriter out) {
            for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.println(e.getKey() + ": " + e.getValue().asText());
            }
            out.flush();
        }

        private static String firstLine(String s) {
            return s == null || s.isBlank() ? "(empty)" : s.lines().findFirst().orElse("");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the status of a running test (started with --address), as k6 status.")
    static final class Status extends Request {
        @Override
        Map<String, Object> attributes() {
            return null;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Pause a running test, as k6 pause: its running iterations finish and no new ones start.",
                    "As in k6, only a test whose scenarios are all externally-controlled can pause once started."})
    static final class Pause extends Request {
        @Override
        Map<String, Object> attributes() {
            return Map.of("paused", true);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume a test that was paused, or started with --paused, as k6 resume.")
    static final class Resume extends Request {
        @Override
        Map<String, Object> attributes() {
            return Map.of("paused", false);
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = {"Change the VUs of a running test's externally-controlled scenario, as k6 scale.",
                    "Raising --max initialises more VUs before the command returns."})
    static final class Scale extends Request {
        @Option(names = {"-u", "--vus"}, paramLabel = "N", description = "The VUs to run.")
        Long vus;

        @Option(names = {"-m", "--max"}, paramLabel = "N", description = "The VUs initialised, at most (k6's vus-max).")
        Long max;

        @Override
        Map<String, Object> attributes() {
            if (vus == null && max == null) throw new UserError(ExitCodes.USAGE, "scale: give --vus N, --max N or both");
            Map<String, Object> a = new LinkedHashMap<>();
            if (vus != null) a.put("vus", vus);
            if (max != null) a.put("vus-max", max);
            return a;
        }
    }
}
