package io.loadtcp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loadtcp.engine.TestRun;
import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.executor.ExternallyControlled;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The part of k6's REST API that orchestrators drive (k6-operator on Kubernetes, REFERENCE.md §5), served while
 * {@code run --address HOST:PORT} runs: {@code GET /v1/status} reports where the run is, and {@code PATCH /v1/status}
 * resumes a run started {@code --paused} ({@code "paused": false}), stops it ({@code "stopped": true}), and, as k6
 * allows only with its externally-controlled executor, pauses a running test or changes its {@code vus} and
 * {@code vus-max}; with k6's JSON:API shapes. Requests are served on threads of their own. The API exists before the
 * run does (the script is still loading): what is asked of it then is applied as soon as the run is attached.
 */
final class StatusApi implements AutoCloseable {
    static final String STOP_REASON = "stopped through the REST API";
    private static final String JSON = "application/json; charset=utf-8";
    private static final int REQUEST_THREADS = 4;
    private static final String PAUSE_ERROR = "Pause error";
    private static final String CONFIG_ERROR = "Execution config error";

    private final HttpServer server;
    private final ExecutorService requests;
    private final boolean startPaused;
    private ObjectMapper mapper; // made when first needed, on the request thread: most runs never parse a request
    private TestRun run; // guarded by this
    private BooleanSupplier tainted = () -> false; // guarded by this
    private boolean resumeRequested; // guarded by this; before the run is attached
    private boolean stopRequested; // guarded by this; from a PATCH, before or after the run is attached

    private StatusApi(HttpServer server, boolean startPaused) {
        this.server = server;
        this.startPaused = startPaused;
        // More than one: raising vus-max holds its request while VUs initialise, and a stop or a status poll must not
        // wait behind it.
        this.requests = Executors.newFixedThreadPool(REQUEST_THREADS,
                Thread.ofPlatform().name("loadtcp-rest-api").daemon().factory());
        server.setExecutor(requests);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Listens on {@code address}; fails with the JDK's exception when it cannot be bound. */
    static StatusApi start(InetSocketAddress address, boolean startPaused) throws IOException {
        return new StatusApi(HttpServer.create(address, 0), startPaused);
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    /** The run this API controls, before it starts; {@code tainted}: whether a threshold was crossed so far. */
    synchronized void attach(TestRun attached, BooleanSupplier thresholdsTainted) {
        this.run = attached;
        this.tainted = thresholdsTainted;
        if (startPaused) attached.startPaused();
        if (resumeRequested) attached.resume();
        if (stopRequested) attached.stop(STOP_REASON);
    }

    /** True when a PATCH stopped the run (exit code 103, as k6). */
    synchronized boolean stoppedByApi() {
        return stopRequested;
    }

    @Override
    public void close() {
        // Waits (up to a second) for requests still being answered: a PATCH that stops a paused run ends it at once,
        // and with stop(0) its reply was lost to the closing socket now and then. Returns at once when none is.
        server.stop(1);
        requests.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/v1/status")) {
                reply(exchange, 404, error(404, "Not found", "loadtcp serves GET and PATCH /v1/status only"));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET" -> reply(exchange, 200, status());
                case "PATCH" -> patch(exchange);
                default -> {
                    exchange.getResponseHeaders().set("Allow", "GET, PATCH");
                    reply(exchange, 405, error(405, "Method not allowed", "use GET or PATCH"));
                }
            }
        }
    }

    private void patch(HttpExchange exchange) throws IOException {
        JsonNode attributes;
        try {
            JsonNode body = mapper().readTree(exchange.getRequestBody());
            attributes = body == null ? MissingNode.getInstance() : body.path("data").path("attributes");
        } catch (IOException e) {
            reply(exchange, 400, error(400, "Invalid data",
                    e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            return;
        }
        // As k6, whose JSON decoding refuses the whole request before anything is applied: nothing half-done.
        String invalid = invalidAttributes(attributes);
        if (invalid != null) {
            reply(exchange, 400, error(400, "Invalid data", invalid));
            return;
        }
        // k6's order: a stop, else a pause or resume, then new VU numbers; errors with k6's titles, texts and statuses
        // (orchestrators recognise them)
        if (attributes.path("stopped").asBoolean(false)) {
            synchronized (this) {
                stopRequested = true;
                if (run != null) run.stop(STOP_REASON);
            }
        } else {
            Refusal refused = given(attributes, "paused") ? pause(attributes.get("paused").asBoolean()) : null;
            if (refused == null && (given(attributes, "vus") || given(attributes, "vus-max"))) {
                refused = scale(count(attributes, "vus"), count(attributes, "vus-max"));
            }
            if (refused != null) {
                reply(exchange, refused.status(), error(refused.status(), refused.title(), refused.detail()));
                return;
            }
        }
        reply(exchange, 200, status());
    }

    /** Why a PATCH was refused, in k6's words: the error's status, title and detail. */
    private record Refusal(int status, String title, String detail) {
        Refusal(String title, String detail) {
            this(500, title, detail);
        }
    }

    /** What k6's decoding of the status refuses: a paused that is not a boolean, VUs that are not whole numbers. */
    private static String invalidAttributes(JsonNode attributes) {
        if (given(attributes, "paused") && !attributes.get("paused").isBoolean()) {
            return "paused must be true or false, got " + attributes.get("paused");
        }
        for (String name : new String[] {"vus", "vus-max"}) {
            JsonNode n = attributes.get(name);
            if (given(attributes, name) && !(n.isIntegralNumber() && n.canConvertToInt())) {
                return name + " must be a whole number of VUs, got " + n;
            }
        }
        return null;
    }

    /** Present and not null: k6 takes a null as not given. */
    private static boolean given(JsonNode attributes, String name) {
        return attributes.has(name) && !attributes.get(name).isNull();
    }

    private static Integer count(JsonNode attributes, String name) {
        return given(attributes, name) ? attributes.get(name).asInt() : null;
    }

    /** Pauses or resumes; null when done. Asking for the state the test is already in is refused, as in k6. */
    private synchronized Refusal pause(boolean pause) {
        boolean waitingToStart = run == null ? startPaused && !resumeRequested : run.awaitingResume();
        if (waitingToStart) {
            if (pause) return new Refusal(PAUSE_ERROR, "execution is already paused");
            resumeRequested = true;
            if (run != null) run.resume();
            return null;
        }
        if (run == null) {
            return new Refusal(PAUSE_ERROR, pause
                    ? "the test is still loading its script: start it with --paused to pause it before it runs"
                    : "test execution wasn't paused");
        }
        try {
            run.pauseScenarios(pause);
            return null;
        } catch (IllegalStateException e) {
            return new Refusal(PAUSE_ERROR, e.getMessage());
        }
    }

    /**
     * Sets the VUs and maxVUs of the first externally-controlled scenario, as k6 does; null when done. Not under this
     * object's lock: raising maxVUs initialises VUs, which takes a while, and a stop must still get through meanwhile.
     */
    private Refusal scale(Integer vus, Integer vusMax) {
        TestRun r;
        synchronized (this) {
            r = run;
        }
        if (r == null) return new Refusal(CONFIG_ERROR, "the test is still loading its script: its scenarios are not known yet");
        ExternallyControlled executor = null;
        for (Executor e : r.executors()) {
            if (e instanceof ExternallyControlled x) {
                executor = x;
                break;
            }
        }
        if (executor == null) {
            return new Refusal(CONFIG_ERROR, "an externally-controlled executor needs to be configured for live configuration updates");
        }
        try {
            executor.update(vus, vusMax);
            return null;
        } catch (RuntimeException e) {
            return new Refusal(400, "Config update error", e.getMessage()); // k6's status for it: 400
        }
    }

    /** k6's {@code StatusJSONAPI}, with its execution status numbers (lib.ExecutionStatus). */
    private synchronized String status() {
        TestRun.Phase phase = run == null ? TestRun.Phase.CREATED : run.phase();
        int code = switch (phase) {
            case CREATED -> 0;
            case INIT_VUS -> 1;
            case PAUSED_BEFORE_RUN -> 4;
            case SETUP -> 6;
            case RUNNING -> 7;
            case TEARDOWN -> 8;
            case ENDED -> 9;
            case INTERRUPTED -> 10;
        };
        boolean running = phase == TestRun.Phase.SETUP || phase == TestRun.Phase.RUNNING || phase == TestRun.Phase.TEARDOWN;
        boolean paused = run == null ? startPaused && !resumeRequested : run.paused();
        return "{\"data\":{\"type\":\"status\",\"id\":\"default\",\"attributes\":{\"status\":" + code
                + ",\"paused\":" + paused
                + ",\"vus\":" + (run == null ? 0 : run.activeVus())
                + ",\"vus-max\":" + (run == null ? 0 : run.initializedVus())
                + ",\"stopped\":" + (stopRequested || (run != null && run.stopped()))
                + ",\"running\":" + running
                + ",\"tainted\":" + tainted.getAsBoolean() + "}}}";
    }

    /** k6's error shape: {@code {"errors":[{"status":"400","title":…,"detail":…}]}}. */
    private String error(int code, String title, String detail) {
        var root = mapper().createObjectNode();
        root.putArray("errors").addObject().put("status", Integer.toString(code)).put("title", title)
                .put("detail", detail == null ? "" : detail);
        return root.toString();
    }

    private ObjectMapper mapper() {
        if (mapper == null) mapper = new ObjectMapper();
        return mapper;
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
