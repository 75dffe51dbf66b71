package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module loading, the k6 globals, console output and name resolution errors. */
class ScriptBasicsTest {
    @TempDir Path dir;

    @Test
    void relativeImportsGlobalsAndConsoleWithTheVu() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        CliRun.script(dir.resolve("lib"), "greet.js", "export const greet = (who) => `hello ${who}`;\n");
        String path = CliRun.script(dir, "main.js", """
                import { greet } from "./lib/greet.js";
                import { check } from "k6";
                export const options = { vus: 2, iterations: 4 };
                export default function () {
                  console.log(greet(__ENV.WHO) + " iter=" + __ITER);
                  check(__VU, { "VUs count from 1": (v) => v === 1 || v === 2 });
                  check(__ITER, { "ITER counts from 0 per VU": (i) => i >= 0 && i < 4 });
                }
                """);
        CliRun r = CliRun.of("run", path, "-e", "WHO=world");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("INFO[") && l.contains("hello world iter=0") && l.contains("vu=")),
                r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 8 out of 8"), r.toString());
        assertEquals(4, r.metricCount("iterations"), r.toString());
    }

    @Test
    void anEnvKeyWithoutAValueIsAnEmptyStringAsInK6() throws Exception {
        String path = CliRun.script(dir, "env.js", """
                import { check } from "k6";
                export default function () {
                  check(__ENV, { "FLAG is empty": (e) => e.FLAG === "", "A is kept": (e) => e.A === "b=c" });
                }
                """);
        CliRun r = CliRun.of("run", path, "-e", "FLAG", "-e", "A=b=c", "-i", "1", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 2 out of 2"), r.toString());
    }

    @Test
    void quietHidesProgressNotConsoleOutputWhichLogOutputDirects() throws Exception {
        String path = CliRun.script(dir, "q.js", """
                export default function () { console.log("chatty"); console.warn("careful"); }
                """);
        CliRun quiet = CliRun.of("run", path, "--quiet");
        assertTrue(quiet.err().contains("INFO[") && quiet.err().contains("chatty") && quiet.err().contains("careful"),
                "as in k6, --quiet only drops progress lines:\n" + quiet);
        CliRun none = CliRun.of("run", path, "--log-output", "none");
        assertEquals(0, none.exitCode(), none.toString());
        assertTrue(!none.err().contains("chatty") && !none.err().contains("careful") && !none.out().contains("chatty"), none.toString());
        CliRun stdout = CliRun.of("run", path, "--log-output", "stdout");
        assertTrue(stdout.out().contains("chatty") && !stdout.err().contains("chatty"), stdout.toString());
        CliRun bad = CliRun.of("run", path, "--log-output", "loki");
        assertEquals(ExitCodes.INVALID_CONFIG, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("invalid --log-output 'loki'"), bad.toString());

        // k6's environment variable too (LOADTCP_ wins over K6_, the flag over both), for pipelines that set it.
        CliRun k6None = CliRun.withEnv(Map.of("K6_LOG_OUTPUT", "none"), "run", path);
        assertTrue(!k6None.err().contains("chatty") && !k6None.out().contains("chatty"), k6None.toString());
        CliRun ours = CliRun.withEnv(Map.of("K6_LOG_OUTPUT", "none", "LOADTCP_LOG_OUTPUT", "stdout"), "run", path);
        assertTrue(ours.out().contains("chatty"), ours.toString());
        CliRun flag = CliRun.withEnv(Map.of("K6_LOG_OUTPUT", "none"), "run", path, "--log-output", "stderr");
        assertTrue(flag.err().contains("chatty"), flag.toString());
        CliRun badEnv = CliRun.withEnv(Map.of("K6_LOG_OUTPUT", "file=./k6.log"), "run", path);
        assertEquals(ExitCodes.INVALID_CONFIG, badEnv.exitCode(), badEnv.toString());
        assertTrue(badEnv.err().contains("invalid K6_LOG_OUTPUT 'file=./k6.log'"), badEnv.toString());
    }

    @Test
    void unresolvableHostIsACountedConnectError() throws Exception {
        String path = CliRun.script(dir, "dns.js", """
                import { Socket } from "k6/x/tcp";
                import { check } from "k6";
                export default async function () {
                  const s = new Socket();
                  let message = "";
                  try { await s.connect(80, "no-such-host.invalid"); } catch (e) { message = e.message; }
                  check(message, { "says the host does not exist": (m) => m.includes("no such host") });
                }
                """);
        CliRun r = CliRun.of("run", path);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100%"), r.toString());
        assertEquals(1, r.metricCount("tcp_errors"), r.toString());
    }

    /** Each console level carries its tag and the VU; console.debug shows only with --verbose. */
    @Test
    void consoleLevelsAndDebugOnlyWhenVerbose() throws Exception {
        String script = CliRun.script(dir, "levels.js", """
                export default function () {
                  console.info("an info"); console.warn("a warning"); console.error("an error"); console.debug("a debug");
                }
                """);
        CliRun plain = CliRun.of("run", script);
        assertEquals(0, plain.exitCode(), plain.toString());
        for (String[] level : new String[][] {{"INFO[", "an info"}, {"WARN[", "a warning"}, {"ERRO[", "an error"}}) {
            assertTrue(plain.err().lines().anyMatch(l -> l.startsWith(level[0]) && l.contains(level[1]) && l.contains("vu=1")),
                    level[1] + " as " + level[0] + "\n" + plain);
        }
        assertFalse(plain.err().contains("a debug"), plain.toString());
        CliRun verbose = CliRun.of("run", script, "--verbose");
        assertTrue(verbose.err().lines().anyMatch(l -> l.startsWith("DEBU[") && l.contains("a debug") && l.contains("vu=1")),
                verbose.toString());
    }
}
