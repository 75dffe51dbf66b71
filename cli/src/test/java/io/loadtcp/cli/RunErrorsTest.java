package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line and a documented exit code; failures during a run never lose the summary. */
class RunErrorsTest {
    @TempDir Path dir;

    @Test
    void missingScript() {
        CliRun r = CliRun.of("run", dir.resolve("nope.js").toString());
        assertEquals(ExitCodes.IO_ERROR, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: script not found: ") && r.err().contains("nope.js"), r.toString());
    }

    @Test
    void aFolderIsNotAScript() {
        CliRun r = CliRun.of("run", dir.toString());
        assertEquals(ExitCodes.IO_ERROR, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: script is a folder, not a file: " + dir), r.toString());
    }

    @Test
    void syntaxErrorNamesFileLineColumnAndShowsTheLine() throws Exception {
        String path = CliRun.script(dir, "bad.js", "export default function () {\n  let x = ;\n}\n");
        CliRun r = CliRun.of("run", path);
        assertEquals(ExitCodes.SCRIPT_EXCEPTION, r.exitCode(), r.toString());
        assertTrue(r.err().contains("bad.js:2:11"), r.toString());
        assertTrue(r.err().contains("let x = ;"), r.toString());
    }

    @Test
    void unknownModule() throws Exception {
        String path = CliRun.script(dir, "m.js", "import { x } from \"k6/x/nope\";\nexport default function () {}\n");
        CliRun r = CliRun.of("run", path);
        assertEquals(ExitCodes.SCRIPT_EXCEPTION, r.exitCode(), r.toString());
        assertTrue(r.err().contains("unknown module \"k6/x/nope\""), r.toString());
    }

    @Test
    void invalidOptions() throws Exception {
        String path = CliRun.script(dir, "ok.js", "export default function () {}\n");
        CliRun negative = CliRun.of("run", path, "--vus", "-1");
        assertEquals(ExitCodes.INVALID_CONFIG, negative.exitCode(), negative.toString());
        assertTrue(negative.err().contains("--vus -1"), negative.toString());
        CliRun loops = CliRun.of("run", path, "--event-loops", "-1");
        assertEquals(ExitCodes.INVALID_CONFIG, loops.exitCode(), loops.toString());
        assertEquals("error: invalid --event-loops -1: must be 1 or more (default: one per core)", loops.err().strip(), loops.toString());
        CliRun duration = CliRun.of("run", path, "--duration", "soon");
        assertEquals(ExitCodes.INVALID_CONFIG, duration.exitCode(), duration.toString());
        assertTrue(duration.err().contains("invalid duration \"soon\""), duration.toString());
        String badOpts = CliRun.script(dir, "opts.js", "export const options = { vus: -2, duration: 'x' };\nexport default function () {}\n");
        CliRun both = CliRun.of("run", badOpts);
        assertEquals(ExitCodes.INVALID_CONFIG, both.exitCode(), both.toString());
        assertTrue(both.err().contains("vus must be 0 or more") && both.err().contains("invalid duration"),
                "every problem at once: " + both);
    }

    @Test
    void initErrorIsReportedWithLocation() throws Exception {
        String path = CliRun.script(dir, "init.js", "const a = undefinedThing.x;\nexport default function () {}\n");
        CliRun r = CliRun.of("run", path);
        assertEquals(ExitCodes.SCRIPT_EXCEPTION, r.exitCode(), r.toString());
        assertTrue(r.err().contains("undefinedThing is not defined") && r.err().contains("init.js:1"), r.toString());
    }

    @Test
    void sandboxHasNoJavaNoNetworkInInitAndNoFilesOutsideTheScriptFolder() throws Exception {
        String path = CliRun.script(dir, "sandbox.js", """
                import { check } from "k6";
                export default async function () {
                  check(null, {
                    "no Java": () => typeof Java === "undefined" && typeof Packages === "undefined",
                    "no Polyglot": () => typeof Polyglot === "undefined",
                    "no load/print": () => typeof load === "undefined",
                    "no Graal object": () => typeof Graal === "undefined",
                    "console is loadtcp's": () => typeof console.log === "function" && typeof console.table === "undefined",
                    "no network but Socket": () => ["fetch", "WebSocket", "XMLHttpRequest", "EventSource"]
                        .every((name) => typeof globalThis[name] === "undefined"),
                    "no Node or process": () => typeof require === "undefined" && typeof process === "undefined",
                    "the host object offers no Java": () => typeof __loadtcp.getClass === "undefined"
                        && typeof __loadtcp.hashCode === "undefined" && !Object.keys(globalThis).includes("__loadtcp"),
                  });
                  let hostRead = "read";
                  try { __loadtcp.open("/etc/hostname", ""); } catch (e) { hostRead = e.message; }
                  check(hostRead, { "the host object keeps the file rules": (m) => m !== "read" });
                  let denied = false;
                  try { await import("/etc/passwd"); } catch (e) { denied = true; }
                  check(denied, { "cannot import outside the folder": (d) => d });
                }
                """);
        CliRun r = CliRun.of("run", path);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 10 out of 10"), r.toString());
    }

    @Test
    void iterationErrorsAreLoggedOnceCountedAndTheRunGoesOn() throws Exception {
        String path = CliRun.script(dir, "throws.js", """
                export default function () {
                  if (__ITER % 2 === 0) throw new Error("boom " + "even");
                }
                """);
        CliRun r = CliRun.of("run", path, "--iterations", "10");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, r.err().lines().filter(l -> l.contains("Error: boom even")).filter(l -> l.contains("ERRO")).count(),
                "the first occurrence in full, repeats folded:\n" + r);
        assertTrue(r.err().contains("throws.js:2"), r.toString());
        assertTrue(r.err().contains("5 times in all"), r.toString());
        assertEquals(10, r.metricCount("iterations"), r.toString());
    }

    @Test
    void endlessLoopIsInterruptedAndTheSummaryStillPrints() throws Exception {
        String path = CliRun.script(dir, "spin.js", """
                export const options = { gracefulStop: "500ms" };
                export default function () { while (true) {} }
                """);
        long start = System.nanoTime();
        CliRun r = CliRun.of("run", path, "--vus", "1", "--duration", "500ms");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("TOTAL RESULTS"), r.toString());
        assertTrue(r.out().contains("0 complete and 1 interrupted iterations"), r.toString());
        assertTrue(seconds < 30, "the run ended by itself, took " + seconds + "s");
    }

    @Test
    void anIterationAwaitingWhatCanNeverHappenFailsAtOnceInsteadOfHanging() throws Exception {
        String path = CliRun.script(dir, "forever.js", """
                export default async function () {
                  await new Promise(() => {});
                }
                """);
        long start = System.nanoTime();
        CliRun r = CliRun.of("run", path, "--iterations", "3");
        assertTrue((System.nanoTime() - start) / 1_000_000_000L < 30, "ended without waiting for maxDuration");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("awaits a promise that can never settle"), r.toString());
    }
}
