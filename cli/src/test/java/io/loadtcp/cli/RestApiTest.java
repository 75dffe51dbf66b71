package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadtcp.engine.testing.TestMachine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --paused --address …}: k6's REST API as k6-operator drives it (REFERENCE.md §5), over real HTTP. */
class RestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESUME = "{\"data\":{\"type\":\"status\",\"id\":\"default\",\"attributes\":{\"paused\":false}}}";
    private static final String STOP = "{\"data\":{\"type\":\"status\",\"id\":\"default\",\"attributes\":{\"stopped\":true}}}";
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir Path dir;

    private String script() throws IOException {
        return CliRun.script(dir, "paced.js", """
                export const options = { vus: 3, duration: "1s" };
                export function setup() { console.log("setup ran"); }
                export default async function () { await new Promise((r) => setTimeout(r, 50)); }
                export function teardown() { console.log("teardown ran"); }
                """);
    }

    private HttpResponse<String> send(int port, String method, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/status")).timeout(Duration.ofSeconds(10));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode attributes(HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body()).get("data").get("attributes");
    }

    /** Starts the paced script {@code --paused} with the API on {@code port}, as k6-operator starts each instance. */
    private CompletableFuture<CliRun> startPaused(int port) throws IOException {
        String paced = script();
        return CompletableFuture.supplyAsync(() -> CliRun.of("run", paced, "--quiet", "--paused", "--address", "127.0.0.1:" + port));
    }

    /** Polls GET /v1/status until the run waits paused with its VUs ready (k6's status 4), as k6-operator does. */
    private JsonNode awaitPaused(int port, CompletableFuture<CliRun> run) throws Exception {
        return awaitAttribute(port, run, "status", 4, 60);
    }

    /** Polls GET /v1/status, while {@code run} goes on, until {@code attribute} is {@code value}; returns the attributes. */
    private JsonNode awaitAttribute(int port, CompletableFuture<CliRun> run, String attribute, int value) throws Exception {
        return awaitAttribute(port, run, attribute, value, 30);
    }

    private JsonNode awaitAttribute(int port, CompletableFuture<CliRun> run, String attribute, int value, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode a = null;
        while (System.nanoTime() < deadline && !run.isDone()) {
            try {
                a = attributes(send(port, "GET", null));
                if (a.get(attribute).asInt() == value) return a;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError(attribute + " never became " + value + ": " + a + "\n"
                + (run.isDone() ? run.get() : "still running"));
    }

    @Test
    void aPausedRunInitialisesItsVusThenWaitsForThePatchThatResumesIt() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        CompletableFuture<CliRun> run = startPaused(port);

        JsonNode ready = awaitPaused(port, run);
        assertTrue(ready.get("paused").asBoolean(), ready.toString());
        assertFalse(ready.get("running").asBoolean(), ready.toString());
        assertFalse(ready.get("stopped").asBoolean(), ready.toString());
        assertEquals(3, ready.get("vus-max").asInt(), "every VU initialised before the wait");
        assertEquals(0, ready.get("vus").asInt());
        Thread.sleep(1500);
        assertFalse(run.isDone(), "still waiting");
        assertEquals(4, attributes(send(port, "GET", null)).get("status").asInt(), "still paused");
        // k6's answer, word for word: controllers written for k6 recognise it and go on
        assertError(send(port, "PATCH", "{\"data\":{\"attributes\":{\"paused\":true}}}"), 500,
                "Pause error: execution is already paused");

        JsonNode resumed = attributes(send(port, "PATCH", RESUME));
        assertFalse(resumed.get("paused").asBoolean(), resumed.toString());
        long runningDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode running = attributes(send(port, "GET", null));
        while (running.get("status").asInt() < 7 && System.nanoTime() < runningDeadline) running = attributes(send(port, "GET", null));
        assertTrue(running.get("running").asBoolean() || running.get("status").asInt() >= 7, running.toString());

        CliRun r = run.get(60, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("setup ran") && r.err().contains("teardown ran"), r.err());
        assertTrue(r.metricCount("iterations") > 3, r.toString());
        // The test's duration (and every rate) starts when it was resumed, not when the VUs were initialised.
        String ran = r.out().lines().filter(l -> l.contains(" ran ")).findFirst().orElseThrow();
        double seconds = Double.parseDouble(ran.replaceFirst(".* ran ([0-9.]+)s.*", "$1"));
        assertTrue(seconds < 1.45, ran);
    }

    @Test
    void aPatchThatStopsTheRunEndsItWithTeardownAndExit103() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        String longRun = CliRun.script(dir, "long.js", """
                export const options = { vus: 2, duration: "60s" };
                export default async function () { await new Promise((r) => setTimeout(r, 50)); }
                export function teardown() { console.log("teardown ran"); }
                """);
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", longRun, "--quiet",
                "--address", "127.0.0.1:" + port));
        JsonNode a = awaitAttribute(port, run, "status", 7, 60);
        assertEquals(2, a.get("vus").asInt(), a.toString());
        Thread.sleep(300);
        HttpResponse<String> pause = send(port, "PATCH", "{\"data\":{\"attributes\":{\"paused\":true}}}");
        // k6's answer, word for word (orchestrators match it): only k6's externally-controlled executor can pause
        assertError(pause, 500, "Pause error: constant-vus executor 'default' doesn't support pause and resume"
                + " operations after its start");

        JsonNode stopped = attributes(send(port, "PATCH", STOP));
        assertTrue(stopped.get("stopped").asBoolean(), stopped.toString());

        CliRun r = run.get(30, TimeUnit.SECONDS);
        assertEquals(ExitCodes.STOPPED_FROM_REST_API, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: test run stopped through the REST API"), r.err());
        assertTrue(r.err().contains("teardown ran"), "teardown still runs, as in k6: " + r.err());
        assertTrue(r.metricCount("iterations") > 0, r.toString());
    }

    private static String patch(String attributes) {
        return "{\"data\":{\"type\":\"status\",\"id\":\"default\",\"attributes\":" + attributes + "}}";
    }

    @Test
    void theExternallyControlledExecutorIsScaledPausedAndResumedWhileItRuns() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        String live = CliRun.script(dir, "live.js", """
                export const options = {
                  scenarios: { live: { executor: "externally-controlled", vus: 1, maxVUs: 2, duration: "0" } },
                };
                export default async function () { await new Promise((r) => setTimeout(r, 50)); }
                """);
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", live, "--address", "127.0.0.1:" + port));
        JsonNode started = awaitAttribute(port, run, "status", 7);
        assertEquals(1, awaitAttribute(port, run, "vus", 1).get("vus").asInt(), started.toString());
        assertEquals(2, started.get("vus-max").asInt(), started.toString());

        // More VUs than were initialised: the run initialises two more while the test goes on. `loadtcp scale` is
        // k6 scale: the same PATCH, and the status it returns printed as YAML.
        String api = "127.0.0.1:" + port;
        CliRun scaled = CliRun.of("scale", "--address", api, "--vus", "4", "--max", "4");
        assertEquals(0, scaled.exitCode(), scaled.toString());
        assertTrue(scaled.out().contains("vus-max: 4\n"), scaled.toString());
        awaitAttribute(port, run, "vus", 4);
        Thread.sleep(1200); // the vus gauge is sampled every second: let it see the four
        assertError(send(port, "PATCH", patch("{\"vus\":1,\"vus-max\":1}")), 400, "Config update error: the new number of max VUs"
                + " cannot be lower than the starting number of max VUs (2)");
        CliRun tooMany = CliRun.of("scale", "-a", api, "-u", "5");
        assertEquals(ExitCodes.REFUSED_BY_REST_API, tooMany.exitCode(), tooMany.toString());
        assertTrue(tooMany.err().contains("error: Config update error: invalid configuration supplied: the number of active"
                + " VUs (5) must be less than or equal to the number of maxVUs (4)"), tooMany.toString());

        // k6's decoding refuses these before applying anything: the pause asked along with them does not happen.
        assertError(send(port, "PATCH", patch("{\"paused\":true,\"vus\":\"3\"}")), 400, "Invalid data: vus must be a whole number");
        assertError(send(port, "PATCH", patch("{\"paused\":\"yes\"}")), 400, "Invalid data: paused must be true or false");
        assertError(send(port, "PATCH", patch("{\"vus-max\":3000000000}")), 400, "Invalid data: vus-max must be a whole number");
        assertFalse(attributes(send(port, "GET", null)).get("paused").asBoolean());

        // Paused: the running iterations finish and no VU starts another; resumed: all four loop again.
        JsonNode paused = attributes(send(port, "PATCH", patch("{\"paused\":true}")));
        assertTrue(paused.get("paused").asBoolean(), paused.toString());
        awaitAttribute(port, run, "vus", 0);
        assertError(send(port, "PATCH", patch("{\"paused\":true}")), 500, "Pause error: test execution was already paused");
        CliRun status = CliRun.of("status", "--address", api);
        assertTrue(status.out().contains("paused: true\n") && status.out().contains("status: 7\n"), status.toString());
        Thread.sleep(1200); // and see none
        CliRun resumed = CliRun.of("resume", "--address", api);
        assertTrue(resumed.out().contains("paused: false\n"), resumed.toString());
        CliRun resumedAgain = CliRun.of("resume", "--address", api);
        assertEquals(ExitCodes.REFUSED_BY_REST_API, resumedAgain.exitCode(), resumedAgain.toString());
        assertTrue(resumedAgain.err().contains("error: Pause error: test execution wasn't paused"), resumedAgain.toString());
        awaitAttribute(port, run, "vus", 4);
        attributes(send(port, "PATCH", patch("{\"vus\":2}")));
        awaitAttribute(port, run, "vus", 2);
        assertFalse(run.isDone(), "a duration of 0 runs until stopped");

        attributes(send(port, "PATCH", STOP));
        CliRun r = run.get(30, TimeUnit.SECONDS);
        assertEquals(ExitCodes.STOPPED_FROM_REST_API, r.exitCode(), r.toString());
        assertTrue(r.err().contains("externally-controlled, 2 VUs, ∞"), r.err());
        assertTrue(r.metricLine("vus_max").contains("max=4"), r.toString());
        assertTrue(r.metricLine("vus").contains("min=0") && r.metricLine("vus").contains("max=4"), r.toString());
        assertTrue(r.out().contains(", 4 VUs, "), "the final line counts the VUs added: " + r.out());
        assertTrue(r.metricCount("iterations") > 4, r.toString());
    }

    @Test
    void vusAddedWhileTheRunWaitsToStartAreInitialisedAtItsStart() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        String live = CliRun.script(dir, "later.js", """
                export const options = {
                  scenarios: { live: { executor: "externally-controlled", vus: 1, duration: "0" } },
                };
                export default async function () { await new Promise((r) => setTimeout(r, 50)); }
                """);
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", live, "--quiet", "--paused",
                "--address", "127.0.0.1:" + port));
        awaitPaused(port, run);
        JsonNode waiting = attributes(send(port, "PATCH", patch("{\"vus\":3,\"vus-max\":3}")));
        assertEquals(1, waiting.get("vus-max").asInt(), "initialised at the start, not before: " + waiting);
        attributes(send(port, "PATCH", RESUME));
        JsonNode three = awaitAttribute(port, run, "vus", 3);
        assertEquals(3, three.get("vus-max").asInt(), three.toString());
        attributes(send(port, "PATCH", STOP));
        CliRun r = run.get(30, TimeUnit.SECONDS);
        assertEquals(ExitCodes.STOPPED_FROM_REST_API, r.exitCode(), r.toString());
        assertTrue(r.out().contains(", 3 VUs, "), r.out());
    }

    @Test
    void vusAddedBeforeTheStartThatCannotBeInitialisedEndTheRunAsFailed() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        String live = CliRun.script(dir, "accounts.js", """
                if (__VU > 1) throw new Error("no account for VU " + __VU);
                export const options = {
                  scenarios: { live: { executor: "externally-controlled", vus: 1, duration: "0" } },
                };
                export default async function () { await new Promise((r) => setTimeout(r, 50)); }
                """);
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", live, "--paused",
                "--address", "127.0.0.1:" + port));
        awaitPaused(port, run);
        attributes(send(port, "PATCH", patch("{\"vus\":2,\"vus-max\":2}")));
        attributes(send(port, "PATCH", RESUME));
        // As in k6, which initialises them as the scenario starts: the test ends, failed, and its metrics are summarised.
        CliRun r = run.get(30, TimeUnit.SECONDS);
        assertEquals(ExitCodes.SCRIPT_EXCEPTION, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: init code failed: Error: no account for VU 2"), r.toString());
        assertTrue(r.out().contains("stopped early: scenario live could not initialise the VUs added before its start"),
                r.toString());
        assertTrue(r.out().contains("vus_max"), r.toString());
    }

    @Test
    void theControlCommandsSayWhatIsWrongWithoutATestToControl() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        CliRun nobody = CliRun.of("pause", "--address", "127.0.0.1:" + port);
        assertEquals(ExitCodes.IO_ERROR, nobody.exitCode(), nobody.toString());
        assertTrue(nobody.err().contains("cannot reach the REST API at http://127.0.0.1:" + port + "/v1/status: connection"
                + " refused (is a test running with --address 127.0.0.1:" + port + "?)"), nobody.toString());
        CliRun nothing = CliRun.of("scale", "--address", "127.0.0.1:" + port);
        assertEquals(ExitCodes.USAGE, nothing.exitCode(), nothing.toString());
        assertTrue(nothing.err().contains("scale: give --vus N, --max N or both"), nothing.toString());
        CliRun bad = CliRun.of("status", "--address", "6565");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("invalid --address '6565': expected HOST:PORT"), bad.toString());
    }

    @Test
    void anExternallyControlledScenarioWithoutTheApiRunsAsConfiguredAndSaysSo() throws Exception {
        String live = CliRun.script(dir, "alone.js", """
                export const options = {
                  scenarios: { live: { executor: "externally-controlled", vus: 2, duration: "1s" } },
                };
                export default async function () { await new Promise((r) => setTimeout(r, 50)); }
                """);
        CliRun r = CliRun.of("run", live, "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("WARN scenario live is externally-controlled, but without --address nothing can scale"
                + " or pause it: it runs 2 VUs for 1s"), r.err());
        assertTrue(r.metricCount("iterations") >= 10, r.toString());
        assertTrue(r.metricLine("vus").contains("max=2"), r.toString());
    }

    @Test
    void aRunStoppedWhilePausedRunsNothingAndStillPrintsItsSummary() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        CompletableFuture<CliRun> run = startPaused(port);
        awaitPaused(port, run);

        assertEquals(200, send(port, "PATCH", STOP).statusCode());

        CliRun r = run.get(30, TimeUnit.SECONDS);
        assertEquals(ExitCodes.STOPPED_FROM_REST_API, r.exitCode(), r.toString());
        assertFalse(r.err().contains("setup ran"), r.err());
        assertFalse(r.err().contains("teardown ran"), r.err());
        assertTrue(r.out().contains("TOTAL RESULTS"), r.toString());
    }

    @Test
    void requestsItCannotHonourGetK6sErrorShape() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        CompletableFuture<CliRun> run = startPaused(port);
        awaitPaused(port, run);
        // try-with-resources: a failed assertion stays the test's failure, with any failure to stop suppressed in it
        try (var _ = new StopsAtTheEnd(port, run)) {
            assertError(send(port, "PATCH", "{\"data\":"), 400, "Invalid data");
            assertError(send(port, "PATCH", "{\"data\":{\"attributes\":{\"vus\":10}}}"), 500,
                    "Execution config error: an externally-controlled executor needs to be configured for live configuration updates");
            assertError(send(port, "POST", RESUME), 405, "use GET or PATCH");
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(other, 404, "GET and PATCH /v1/status only");
            assertEquals(4, attributes(send(port, "GET", null)).get("status").asInt(), "none of them resumed the run");
        }
    }

    /** Stops a run through the API when the test leaves it, passed or failed, and waits for it to end. */
    private final class StopsAtTheEnd implements AutoCloseable {
        private final int port;
        private final CompletableFuture<CliRun> run;

        StopsAtTheEnd(int port, CompletableFuture<CliRun> run) {
            this.port = port;
            this.run = run;
        }

        @Override
        public void close() throws Exception {
            if (run.isDone()) return;
            send(port, "PATCH", STOP);
            run.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void badAddressesAndAPausedRunNobodyCouldResumeAreRefusedBeforeTheScriptLoads() throws Exception {
        String script = script();
        CliRun noAddress = CliRun.of("run", script, "--paused");
        assertEquals(ExitCodes.INVALID_CONFIG, noAddress.exitCode(), noAddress.toString());
        assertTrue(noAddress.err().contains("--paused needs --address HOST:PORT"), noAddress.toString());
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun busy = CliRun.of("run", script, "--address", "127.0.0.1:" + taken.getLocalPort());
            assertEquals(ExitCodes.CANNOT_START_REST_API, busy.exitCode(), busy.toString());
            assertTrue(busy.err().contains("--address: cannot listen on 127.0.0.1:" + taken.getLocalPort()), busy.toString());
            assertFalse(busy.err().contains("setup ran"), "nothing ran: " + busy);
        }
    }

    /** {@code detail}: in the error's "title: detail". */
    private static void assertError(HttpResponse<String> r, int status, String detail) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode error = JSON.readTree(r.body()).get("errors").get(0);
        assertEquals(Integer.toString(status), error.get("status").asText(), r.body());
        assertTrue((error.get("title").asText() + ": " + error.get("detail").asText()).contains(detail), r.body());
    }
}
