package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.target.TargetServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each feature of the k6/x/tcp Socket API, exercised by a real script against a real echo server. */
class SocketApiTest {
    @RegisterExtension static final EchoTarget echo = new EchoTarget();
    @TempDir Path dir;

    private CliRun run(String body, String... extra) throws Exception {
        String src = """
                import { Socket } from "k6/x/tcp";
                import tcp from "k6/x/tcp";
                import { check, sleep } from "k6";
                const PORT = %d;
                const until = (socket, n) => new Promise((resolve, reject) => {
                  let got = new Uint8Array(0);
                  socket.on("data", (d) => {
                    const all = new Uint8Array(got.length + d.length); all.set(got); all.set(d, got.length); got = all;
                    if (got.length >= n) resolve(got);
                  });
                  socket.on("error", reject);
                });
                export default async function () {
                %s
                }
                """.formatted(echo.port(), body);
        String[] args = new String[3 + extra.length];
        args[0] = "run";
        args[1] = CliRun.script(dir, "t.js", src);
        args[2] = "--quiet";
        System.arraycopy(extra, 0, args, 3, extra.length);
        CliRun r = CliRun.of(args);
        assertFalse(r.out().contains("✗"), "a check failed:\n" + r);
        assertFalse(r.err().contains("ERRO"), "the script threw:\n" + r);
        return r;
    }

    @Test
    void writesEveryEncodingAndBinaryKindAndReadsRealUint8ArrayCopies() throws Exception {
        CliRun r = run("""
                  const s = new Socket();
                  const events = [];
                  s.on("connect", () => events.push("connect"));
                  const got = until(s, 5 + 3 + 3 + 3 + 2 + 2 + 3 + 3);
                  await s.connect(PORT, "127.0.0.1");
                  await s.write("hello");
                  await s.write("616263", { encoding: "hex" });
                  await s.write("ZGVm", { encoding: "base64" });
                  await s.write("Z2hp", { encoding: "base64url" });
                  await s.write(new Uint8Array([1, 2]).buffer);
                  await s.write(new Uint8Array([9, 3, 4, 9]).subarray(1, 3));
                  await s.write(new Int8Array([5, 6, 7]));
                  await s.write(new Uint8Array([0, 128, 255]));
                  const bytes = await got;
                  check(bytes, {
                    "data is a real Uint8Array": (b) => b instanceof Uint8Array && b.buffer instanceof ArrayBuffer,
                    "bytes arrive in order": (b) => Array.from(b).join(",") ===
                        "104,101,108,108,111,97,98,99,100,101,102,103,104,105,1,2,3,4,5,6,7,0,128,255",
                    "connect fired before data": () => events[0] === "connect",
                    "bytes_written counts": () => s.bytes_written === 24,
                    "bytes_read counts": () => s.bytes_read === 24,
                    "default import works": () => tcp.Socket === Socket,
                    "no internal state is enumerable": () => Object.keys(s).length === 0,
                  });
                  s.destroy();
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 7 out of 7"), r.toString());
        assertEquals(8, r.metricCount("tcp_writes"), r.toString());
        assertEquals(24, r.metricCount("data_sent"), r.toString());
    }

    /** Multi-byte typed arrays and DataViews send their bytes as laid out in memory; base64url takes "-" and "_". */
    @Test
    void multiByteViewsSendTheirMemoryAndBase64UrlTakesItsOwnAlphabet() throws Exception {
        CliRun r = run("""
                  const s = new Socket();
                  const got = until(s, 4 + 4 + 4 + 2 + 2);
                  await s.connect(PORT, "127.0.0.1");
                  await s.write(new Uint16Array([0x0102, 0x0304]));
                  const view = new DataView(new ArrayBuffer(8), 2, 4);
                  view.setUint32(0, 0x0a0b0c0d); // big-endian, as DataView writes by default
                  await s.write(view);
                  await s.write(new Float32Array([0, 1.5, 0]).subarray(1, 2));
                  await s.write(new BigUint64Array([0xfffen]).buffer.slice(0, 2));
                  await s.write("-_8", { encoding: "base64url" });
                  check(await got, {
                    "bytes as in memory": (b) => Array.from(b).join(",") ===
                        "2,1,4,3,10,11,12,13,0,0,192,63,254,255,251,255",
                  });
                  s.destroy();
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 1 out of 1"), r.toString());
        assertEquals(16, r.metricCount("data_sent"), r.toString());
    }

    /** connect(port) dials localhost; a port may be a numeric string; a port that is not one fails like a refusal. */
    @Test
    void theHostDefaultsToLocalhostAndPortsAreChecked() throws Exception {
        CliRun r = run("""
                  const s = new Socket();
                  const echoed = until(s, 2);
                  await s.connect(String(PORT));
                  await s.write("ok");
                  check(await echoed, { "a string port and no host reach the local echo": (d) => d.length === 2 });
                  check(s, { "the default host is local": (x) => x.remote_port === PORT && /^(127\\.0\\.0\\.1|::1)$/.test(x.remote_ip) });
                  s.destroy();
                  const bad = [];
                  for (const port of [0, 65536, "http", 80.5]) {
                    const b = new Socket();
                    b.on("error", (e) => bad.push("event " + e.message));
                    try { await b.connect(port, "127.0.0.1"); } catch (e) { bad.push(e.method + " " + e.message); }
                  }
                  check(bad, {
                    "each bad port fires error and rejects": (b) => b.length === 8,
                    "saying which port and the range": (b) => b.includes('connect connect: invalid port "http" (1-65535)')
                        && b.includes("connect connect: invalid port 65536 (1-65535)"),
                  });
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 4 out of 4"), r.toString());
        assertEquals(4, r.metricCount("tcp_errors"), r.toString());
        assertEquals(1, r.metricCount("tcp_sockets"), "only the good connect opened a socket\n" + r);
    }

    /** Events come in order: connect, then data, then timeout after the idle time, then close once; 0 disarms it. */
    @Test
    void eventsComeInOrderAndATimeoutOfZeroDisarmsTheIdleTimer() throws Exception {
        CliRun r = run("""
                  const events = [];
                  const s = new Socket();
                  const closed = new Promise((resolve) => s.on("close", () => { events.push("close"); resolve(); }));
                  s.on("connect", () => events.push("connect"));
                  s.on("data", () => events.push("data"));
                  s.on("timeout", () => { events.push("timeout"); s.destroy(); });
                  s.setTimeout(100);
                  await s.connect(PORT, "127.0.0.1");
                  await s.write("ping");
                  await closed;
                  check(events, { "connect, data, timeout, close": (e) => e.join(",") === "connect,data,timeout,close" });

                  const quiet = new Socket();
                  let fired = false;
                  quiet.on("timeout", () => { fired = true; });
                  await quiet.connect(PORT, "127.0.0.1");
                  quiet.setTimeout(100);
                  quiet.setTimeout(0);
                  await new Promise((resolve) => setTimeout(resolve, 400));
                  check(fired, { "setTimeout(0) disarms the idle timer": (f) => f === false });
                  quiet.destroy();
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 2 out of 2"), r.toString());
        assertEquals(1, r.metricCount("tcp_timeouts"), r.toString());
    }

    @Test
    void statePropertiesAndIdempotentDestroyFiringCloseOnce() throws Exception {
        CliRun r = run("""
                  const s = new Socket({ tags: { kind: "props" } });
                  let closes = 0;
                  const closed = new Promise((resolve) => s.on("close", () => { closes++; resolve(); }));
                  const before = s.ready_state;
                  const opening = s.connect({ port: PORT, host: "127.0.0.1", tags: { step: "one" } });
                  const during = s.ready_state;
                  await opening;
                  check(s, {
                    "disconnected before connect": () => before === "disconnected",
                    "opening while connecting": () => during === "opening",
                    "open after connect": (x) => x.ready_state === "open" && x.connected === true,
                    "remote endpoint": (x) => x.remote_ip === "127.0.0.1" && x.remote_port === PORT,
                    "local endpoint": (x) => x.local_ip === "127.0.0.1" && x.local_port > 0,
                  });
                  s.destroy();
                  s.destroy();
                  await closed;
                  check(s, {
                    "destroyed after destroy": (x) => x.ready_state === "destroyed" && x.connected === false,
                    "close fired once": () => closes === 1,
                  });
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 7 out of 7"), r.toString());
        assertEquals(1, r.metricCount("tcp_sockets"));
    }

    @Test
    void idleTimeoutFiresAndIsCounted() throws Exception {
        CliRun r = run("""
                  const s = new Socket();
                  await s.connect(PORT, "127.0.0.1");
                  const start = Date.now();
                  await new Promise((resolve) => { s.setTimeout(150); s.on("timeout", resolve); });
                  check(Date.now() - start, { "timeout after the idle time": (ms) => ms >= 140 && ms < 5000 });
                  s.destroy();
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, r.metricCount("tcp_timeouts"), r.toString());
    }

    @Test
    void refusedConnectFiresErrorRejectsAndCounts() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CliRun r = run("""
                  const s = new Socket();
                  let event = null;
                  s.on("error", (e) => { event = e; });
                  let rejected = null;
                  try { await s.connect(%d, "127.0.0.1"); } catch (e) { rejected = e; }
                  check(null, {
                    "error event with method connect": () => event && event.name === "TCPError" && event.method === "connect",
                    "promise rejected": () => rejected && rejected.method === "connect" && /refused/i.test(rejected.message),
                  });
                  let closed = false;
                  s.on("close", () => { closed = true; });
                  check(s, {
                    "no close without a connect first": () => !closed,
                    "disconnected again": (x) => x.ready_state === "disconnected" && !x.connected,
                  });
                  let writeRejected = null;
                  try { await s.write("x"); } catch (e) { writeRejected = e; }
                  check(null, { "write on an unconnected socket rejects": () => writeRejected && writeRejected.method === "write" });
                  const echoed = until(s, 5);
                  await s.connect(PORT, "127.0.0.1");
                  await s.write("again");
                  check(await echoed, { "the same socket connects after a failed connect": (d) => d.length === 5 });
                  s.destroy();
                  check(null, { "close after the connect that worked": () => closed });
                """.formatted(closedPort));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(2, r.metricCount("tcp_errors"), "connect + write errors are both counted\n" + r);
        assertTrue(r.out().contains("checks_succeeded: 100% 7 out of 7"), r.toString());
    }

    /**
     * A write that cannot even start (unknown encoding, digits that are not hex or base64, data of the wrong type)
     * fires error, rejects, and counts in tcp_writes and tcp_errors with the write's tags, as a failure on the wire does.
     */
    @Test
    void writesThatCannotStartFireErrorRejectAndCount() throws Exception {
        CliRun r = run("""
                  const s = new Socket();
                  const events = [];
                  s.on("error", (e) => events.push(e.method + ": " + e.message));
                  await s.connect(PORT, "127.0.0.1");
                  const attempts = [
                    () => s.write("x", { encoding: "latin9", tags: { op: "bad" } }),
                    () => s.write("abc", { encoding: "hex", tags: { op: "bad" } }),
                    () => s.write("@@@", { encoding: "base64", tags: { op: "bad" } }),
                    () => s.write(42, { tags: { op: "bad" } }),
                  ];
                  let rejected = 0;
                  for (const attempt of attempts) {
                    try { await attempt(); } catch (e) { if (e.name === "TCPError" && e.method === "write") rejected++; }
                  }
                  const echoed = until(s, 2);
                  await s.write("6869", { encoding: "hex", tags: { op: "good" } });
                  check(await echoed, { "valid hex still goes out": (d) => String.fromCharCode(...d) === "hi" });
                  check(null, {
                    "every refused write rejected": () => rejected === 4,
                    "every refused write fired error": () => events.length === 4 && events.every((e) => e.startsWith("write: write: ")),
                    "the reasons": () => /unknown encoding/.test(events[0]) && /odd length/.test(events[1])
                      && /invalid base64/.test(events[2]) && /must be a string/.test(events[3]),
                  });
                  s.destroy();
                """, "--summary-mode", "full");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(4, r.metricCount("tcp_errors"), r.toString());
        assertEquals(5, r.metricCount("tcp_writes"), r.toString());
        assertEquals(2, r.metricCount("data_sent"), "only the valid write's bytes\n" + r);
    }

    @Test
    void writeTagsReachTheBytesSentToo() throws Exception {
        String src = """
                import { Socket } from "k6/x/tcp";
                export const options = { thresholds: { "data_sent{op:w}": ["count==5"], "data_sent{op:other}": ["count==0"] } };
                export default async function () {
                  const s = new Socket();
                  await s.connect(%d, "127.0.0.1");
                  await s.write("hello", { tags: { op: "w" } });
                  await s.write("untagged");
                  s.destroy();
                }
                """.formatted(echo.port());
        CliRun r = CliRun.of("run", CliRun.script(dir, "sent.js", src), "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(13, r.metricCount("data_sent"), r.toString());
    }

    /** A second connect() while the first is still opening is refused, and the first still holds the iteration. */
    @Test
    void aConnectRefusedWhileAnotherIsOpeningLeavesThatOneHoldingTheIteration() throws Exception {
        String src = """
                import { Socket } from "k6/x/tcp";
                import { check } from "k6";
                export const options = { thresholds: { iteration_duration: ["min>=100"] } };
                export default async function () {
                  const s = new Socket();
                  s.on("error", () => {});
                  s.on("connect", () => setTimeout(() => s.destroy(), 100));
                  s.connect(%d, "127.0.0.1").catch(() => {});
                  let second = null;
                  try { await s.connect(%d, "127.0.0.1"); } catch (e) { second = e; }
                  check(second, { "refused while opening": (e) => e && /socket is opening/.test(e.message) });
                }
                """.formatted(echo.port(), echo.port());
        CliRun r = CliRun.of("run", CliRun.script(dir, "opening.js", src), "--quiet", "--iterations", "2");
        assertEquals(0, r.exitCode(), "the iteration lasted until the socket was destroyed:\n" + r);
        assertTrue(r.out().contains("checks_succeeded: 100% 2 out of 2"), r.toString());
        assertEquals(2, r.metricCount("tcp_sockets"), r.toString());
    }

    /**
     * A peer that resets the connection in the middle of a large write: the write rejects, and tcp_partial_writes and
     * bytes_written say that part of it had left.
     */
    @Test
    void aWriteCutShortByTheNetworkCountsAsPartial() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread resetter = Thread.ofPlatform().daemon().start(() -> {
                try (java.net.Socket peer = server.accept()) {
                    Thread.sleep(500); // reads nothing: the 32 MB cannot all fit in the two socket buffers
                    peer.setSoLinger(true, 0); // close with a reset
                } catch (Exception ignored) {
                    // the test's assertions report what went wrong
                }
            });
            CliRun r = run("""
                      const s = new Socket();
                      await s.connect(%d, "127.0.0.1");
                      const size = 32 * 1024 * 1024;
                      let failed = null;
                      s.on("error", () => {});
                      try { await s.write(new Uint8Array(size)); } catch (e) { failed = e; }
                      check(s.bytes_written, {
                        "the write rejected": () => failed && failed.method === "write",
                        "part of it left": (n) => n > 0 && n < size,
                      });
                    """.formatted(server.getLocalPort()));
            resetter.join(5_000);
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(1, r.metricCount("tcp_partial_writes"), r.toString());
            assertEquals(1, r.metricCount("tcp_errors"), r.toString());
        }
    }

    /** connect() on a socket that is open or destroyed fails at once, and the iteration still ends. */
    @Test
    void connectingAgainFailsWithoutHoldingTheIteration() throws Exception {
        CliRun r = run("""
                  const s = new Socket();
                  const errors = [];
                  s.on("error", (e) => errors.push(e.message));
                  await s.connect(PORT, "127.0.0.1");
                  let whileOpen = null;
                  try { await s.connect(PORT, "127.0.0.1"); } catch (e) { whileOpen = e; }
                  s.destroy();
                  let afterDestroy = null;
                  try { await s.connect(PORT, "127.0.0.1"); } catch (e) { afterDestroy = e; }
                  check(null, {
                    "refused while open": () => whileOpen && /socket is open/.test(whileOpen.message),
                    "refused once destroyed": () => afterDestroy && /socket is destroyed/.test(afterDestroy.message),
                    "both fired error": () => errors.length === 2,
                  });
                """, "--iterations", "3", "--duration", "5s");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(3, r.metricCount("iterations"), "every iteration ended by itself\n" + r);
        assertTrue(r.metricLine("iteration_duration").matches(".*max=\\d+(\\.\\d+)?(µs|ms) .*"), "well under a second\n" + r);
    }

    @Test
    void timersAndSleepKeepTheIterationAlive() throws Exception {
        CliRun r = run("""
                  const start = Date.now();
                  let fired = 0, ticks = 0;
                  setTimeout(() => fired++, 50);
                  const cancelled = setTimeout(() => fired += 100, 60);
                  clearTimeout(cancelled);
                  const iv = setInterval(() => { if (++ticks === 3) clearInterval(iv); }, 20);
                  await sleep(0.2);
                  check(Date.now() - start, {
                    "sleep waited": (ms) => ms >= 190,
                    "timeout fired once, cleared one did not": () => fired === 1,
                    "interval ran until cleared": () => ticks === 3,
                  });
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 3 out of 3"), r.toString());
    }

    @Test
    void taggedSocketsKeepSubMillisecondPrecision() throws Exception {
        CliRun r = run("""
                  const s = new Socket({ tags: { protocol: "echo" } });
                  const got = until(s, 4);
                  await s.connect({ port: PORT, host: "127.0.0.1", tags: { step: "login" } });
                  await s.write("ping", { tags: { op: "ping" } });
                  await got;
                  s.destroy();
                """, "--iterations", "20");
        assertEquals(0, r.exitCode(), r.toString());
        String connecting = r.metricLine("tcp_socket_connecting");
        assertTrue(connecting.matches(".*min=\\d+(\\.\\d+)?(µs|ms).*"), connecting);
        assertFalse(connecting.contains("min=0s") || connecting.contains("min=0ms"), "no truncation to 0: " + connecting);
        assertEquals(20, r.metricCount("tcp_reads"), r.toString());
    }

    @Test
    void writeTagsOfBinaryWritesReachTheirMetrics() throws Exception {
        String src = """
                import { Socket } from "k6/x/tcp";
                export const options = { thresholds: { "tcp_writes{op:bin}": ["count==%d"] } };
                export default async function () {
                  const s = new Socket();
                  await s.connect(%d, "127.0.0.1");
                  await s.write(new Uint8Array([1, 2, 3]), { tags: { op: "bin" } });
                  await s.write(new Uint8Array([4, 5]).buffer, { tags: { op: "bin" } });
                  await s.write(new Uint8Array([6]));
                  s.destroy();
                }
                """;
        int port = echo.port();
        CliRun pass = CliRun.of("run", CliRun.script(dir, "tags.js", src.formatted(2, port)), "--quiet");
        assertEquals(0, pass.exitCode(), "two tagged writes, the untagged one not among them:\n" + pass);
        assertEquals(3, pass.metricCount("tcp_writes"), pass.toString());
        CliRun fail = CliRun.of("run", CliRun.script(dir, "tags3.js", src.formatted(3, port)), "--quiet");
        assertEquals(ExitCodes.THRESHOLDS_FAILED, fail.exitCode(), fail.toString());
    }

    @Test
    void largeAndGrowingBinaryWritesArriveIntact() throws Exception {
        CliRun r = run("""
                  const s = new Socket();
                  const sizes = [100, 1000, 70000, 300];
                  const total = sizes.reduce((a, b) => a + b, 0);
                  const got = until(s, total);
                  await s.connect(PORT, "127.0.0.1");
                  for (const n of sizes) await s.write(new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff));
                  const bytes = await got;
                  let ok = bytes.length === total, at = 0;
                  for (const n of sizes) {
                    for (let i = 0; i < n; i++) if (bytes[at + i] !== ((i * 31 + n) & 0xff)) ok = false;
                    at += n;
                  }
                  check(ok, { "every byte of every write came back in order": (v) => v });
                  s.destroy();
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 1 out of 1"), r.toString());
    }

    /**
     * String encodings send UTF-8 ("ascii" too, as in xk6-tcp); xk6-tcp v0.1's connectAsync/writeAsync still work;
     * a second on() for an event replaces the first handler.
     */
    @Test
    void textEncodingsTheV01NamesAndAReplacedHandler() throws Exception {
        CliRun r = run("""
                  const s = new Socket();
                  let firstHandlerCalls = 0;
                  s.on("data", () => { firstHandlerCalls++; });
                  const got = until(s, 7 + 7 + 2); // until() registers its own "data" handler, replacing the one above
                  await s.connectAsync(PORT, "127.0.0.1");
                  await s.writeAsync("h\u00e9\u20ac!", { encoding: "utf-8" });
                  await s.write("h\u00e9\u20ac!", { encoding: "ascii" });
                  await s.write("\u00e9");
                  let timer;
                  const bytes = await Promise.race([got, new Promise((r) => { timer = setTimeout(() => r(new Uint8Array(0)), 5000); })]);
                  clearTimeout(timer); // fewer bytes than expected must fail the check, not wait for the run's end
                  check(bytes, {
                    "utf-8, ascii and the default all send UTF-8": (b) => Array.from(b).join(",") ===
                        "104,195,169,226,130,172,33,104,195,169,226,130,172,33,195,169",
                    "a second on() replaces the first": () => firstHandlerCalls === 0,
                  });
                  s.destroy();
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 2 out of 2"), r.toString());
        assertEquals(16, r.metricCount("data_sent"), r.toString());
    }

    /**
     * Host names are resolved and timed (tcp_socket_resolving), and the run's scenario tag reaches the socket's
     * metrics: thresholds on those sub-metrics only pass when the tagged samples exist.
     */
    @Test
    void resolvingIsTimedAndTheScenarioTagReachesSocketMetrics() throws Exception {
        String src = """
                import { Socket } from "k6/x/tcp";
                export const options = {
                  scenarios: { probe: { executor: "per-vu-iterations", vus: 1, iterations: 2 } },
                  thresholds: {
                    "tcp_socket_resolving{host:localhost}": ["max>0"],
                    "tcp_socket_connecting{scenario:probe}": ["max>0"],
                    "tcp_reads{scenario:probe}": ["count>=2"],
                    "data_sent{scenario:probe}": ["count==8"],
                    "tcp_writes{scenario:other}": ["count==0"],
                  },
                };
                export default async function () {
                  const s = new Socket();
                  const echoed = new Promise((resolve) => s.on("data", resolve));
                  await s.connect(%d, "localhost");
                  await s.write("ping");
                  await echoed;
                  s.destroy();
                }
                """.formatted(echo.port());
        CliRun r = CliRun.of("run", CliRun.script(dir, "tagged.js", src), "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.metricLine("tcp_socket_resolving").contains("avg="), r.toString());
        assertFalse(r.out().contains("✗"), "a threshold on a tagged sub-metric failed (no samples has ✗ too):\n" + r);
        assertTrue(r.out().contains("tcp_socket_resolving{host:localhost}"), r.toString());
    }

    /** connect({ timeout }) bounds the whole dial: a TLS handshake the server never answers fails after it. */
    @Test
    void theConnectTimeoutOptionEndsADialThatHangs() throws Exception {
        try (TargetServer silent = TargetServer.start(TargetServer.Mode.DISCARD, new InetSocketAddress("127.0.0.1", 0))) {
            CliRun r = run("""
                      for (const timeout of [300, "300ms"]) {
                        const s = new Socket();
                        let event = null;
                        s.on("error", (e) => { event = e; });
                        const start = Date.now();
                        let rejected = null;
                        try { await s.connect({ port: %d, host: "127.0.0.1", tls: true, timeout }); } catch (e) { rejected = e; }
                        const ms = Date.now() - start;
                        check(null, {
                          "rejected as timed out": () => rejected && rejected.method === "connect" && /timed out after 300ms/.test(rejected.message),
                          "error event fired": () => event && event.method === "connect",
                          "after the timeout, not the 30 s default": () => ms >= 250 && ms < 5000,
                        });
                        s.destroy();
                      }
                    """.formatted(silent.address().getPort()));
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("checks_succeeded: 100% 6 out of 6"), r.toString());
            assertEquals(2, r.metricCount("tcp_errors"), r.toString());
        }
    }

    /**
     * Each data chunk is a Uint8Array of its own (xk6-tcp hands out views into one reused read buffer): chunks kept
     * without copying still hold their own bytes after later reads, and no two share a buffer.
     */
    @Test
    void dataChunksAreUint8ArraysThatOwnTheirBytes() throws Exception {
        CliRun r = run("""
                  const s = new Socket();
                  const chunks = [];
                  let arrived = null;
                  s.on("data", (d) => { chunks.push(d); if (arrived) arrived(); });
                  await s.connect(PORT, "127.0.0.1");
                  for (const word of ["AAAA", "BBBB", "CCCC"]) {
                    const have = chunks.reduce((n, c) => n + c.length, 0);
                    const echoed = new Promise((resolve) => { arrived = () => {
                      if (chunks.reduce((n, c) => n + c.length, 0) >= have + 4) resolve();
                    }; });
                    await s.write(word);
                    await echoed;
                  }
                  s.destroy();
                  const text = chunks.map((c) => String.fromCharCode(...c)).join("");
                  check(chunks, {
                    "each chunk is a Uint8Array": (cs) => cs.every((c) => Object.getPrototypeOf(c) === Uint8Array.prototype),
                    "each chunk owns a whole buffer": (cs) => cs.every((c) => c.byteOffset === 0 && c.buffer.byteLength === c.length),
                    "no two chunks share a buffer": (cs) => new Set(cs.map((c) => c.buffer)).size === cs.length,
                    "kept chunks still hold what arrived": () => text === "AAAABBBBCCCC",
                  });
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 4 out of 4"), r.toString());
    }

    /**
     * Socket and connect tags reach every metric of the socket from a script, errors and timeouts included (xk6-tcp
     * leaves them off reads and writes): each threshold below needs samples carrying its tag.
     */
    @Test
    void socketAndConnectTagsReachEveryMetricFromAScript() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String src = """
                import { Socket } from "k6/x/tcp";
                export const options = { thresholds: {
                  "tcp_sockets{svc:echo}": ["count==1"],
                  "tcp_socket_connecting{step:login}": ["max>0"],
                  "tcp_socket_duration{svc:echo}": ["max>0"],
                  "tcp_writes{step:login}": ["count==1"],
                  "tcp_reads{svc:echo}": ["count>=1"],
                  "data_received{step:login}": ["count==4"],
                  "tcp_timeouts{svc:echo}": ["count==1"],
                  "tcp_errors{svc:bad}": ["count==%d"],
                } };
                export default async function () {
                  const s = new Socket({ tags: { svc: "echo" } });
                  const echoed = new Promise((resolve) => s.on("data", resolve));
                  await s.connect({ port: %d, host: "127.0.0.1", tags: { step: "login" } });
                  await s.write("ping");
                  await echoed;
                  await new Promise((resolve) => { s.on("timeout", resolve); s.setTimeout(100); });
                  s.destroy();
                  const bad = new Socket({ tags: { svc: "bad" } });
                  try { await bad.connect(%d, "127.0.0.1"); } catch (e) { /* counted, tagged */ }
                }
                """;
        int port = echo.port();
        CliRun pass = CliRun.of("run", CliRun.script(dir, "tags-all.js", src.formatted(1, port, closedPort)), "--quiet");
        assertEquals(0, pass.exitCode(), pass.toString());
        assertFalse(pass.out().contains("✗"), pass.toString());
        CliRun fail = CliRun.of("run", CliRun.script(dir, "tags-all2.js", src.formatted(2, port, closedPort)), "--quiet");
        assertEquals(ExitCodes.THRESHOLDS_FAILED, fail.exitCode(), "the thresholds tell the counts apart\n" + fail);
    }
}
