package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** open(), k6/data SharedArray, k6/encoding and randomSeed. */
class DataModulesTest {
    @TempDir Path dir;

    @Test
    void openReadsTextAndBinaryNextToTheScriptOnly() throws Exception {
        Files.writeString(dir.resolve("users.json"), "[{\"name\":\"ann\"},{\"name\":\"bob\"}]");
        Files.write(dir.resolve("blob.bin"), new byte[] {0, 1, (byte) 255});
        String path = CliRun.script(dir, "o.js", """
                import { check } from "k6";
                const users = JSON.parse(open("./users.json"));
                const blob = open("blob.bin", "b");
                let outside = "";
                try { open("../../../etc/hostname"); } catch (e) { outside = String(e.message); }
                export default function () {
                  check(null, {
                    "text": () => users[1].name === "bob",
                    "binary is an ArrayBuffer": () => blob instanceof ArrayBuffer && new Uint8Array(blob)[2] === 255,
                    "outside the folder is refused": () => outside.includes("outside the script's folder"),
                  });
                  let late = "";
                  try { open("users.json"); } catch (e) { late = String(e.message); }
                  check(late, { "only in init code": (m) => m.includes("only available in init code") });
                }
                """);
        CliRun r = CliRun.of("run", path);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 4 out of 4"), r.toString());
    }

    @Test
    void allowReadOpensAnotherFolder() throws Exception {
        Path data = Files.createTempDirectory("loadtcp-data");
        Files.writeString(data.resolve("x.txt"), "from elsewhere");
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        String path = CliRun.script(scripts, "a.js", """
                const x = open("%s");
                export default function () { if (x !== "from elsewhere") throw new Error(x); }
                """.formatted(data.resolve("x.txt")));
        assertEquals(ExitCodes.SCRIPT_EXCEPTION, CliRun.of("run", path).exitCode());
        CliRun allowed = CliRun.of("run", path, "--allow-read", data.toString());
        assertEquals(0, allowed.exitCode(), allowed.toString());
    }

    @Test
    void sharedArrayBuildsOnceAndIsReadOnly() throws Exception {
        String path = CliRun.script(dir, "s.js", """
                import { SharedArray } from "k6/data";
                import { check } from "k6";
                const items = new SharedArray("items", () => {
                  console.log("building the shared array");
                  return [{ id: 1 }, { id: 2 }, { id: 3 }];
                });
                export const options = { vus: 3, iterations: 6 };
                export default function () {
                  let writable = true;
                  try { items[0] = 5; } catch (e) { writable = false; }
                  check(items, {
                    "length": (a) => a.length === 3,
                    "elements": (a) => a[2].id === 3 && a[3] === undefined,
                    "iterable": (a) => [...a].map((x) => x.id).join() === "1,2,3",
                    "array methods": (a) => a.map((x) => x.id * 2).join() === "2,4,6",
                    "read-only": () => !writable,
                  });
                }
                """);
        CliRun r = CliRun.of("run", path);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 30 out of 30"), r.toString());
        assertEquals(1, r.err().lines().filter(l -> l.contains("building the shared array")).count(),
                "the function runs once for all VUs:\n" + r);
    }

    @Test
    void encodingAndRandomSeed() throws Exception {
        String path = CliRun.script(dir, "e.js", """
                import { b64encode, b64decode } from "k6/encoding";
                import { randomSeed, check } from "k6";
                export default function () {
                  randomSeed(42);
                  const a = [Math.random(), Math.random()];
                  randomSeed(42);
                  const b = [Math.random(), Math.random()];
                  check(null, {
                    "std": () => b64encode("hello?") === "aGVsbG8/",
                    "rawurl": () => b64encode("hello?", "rawurl") === "aGVsbG8_",
                    "bytes": () => b64encode(new Uint8Array([0, 255]).buffer) === "AP8=",
                    "decode to string": () => b64decode("aGVsbG8/", "std", "s") === "hello?",
                    "decode to bytes": () => new Uint8Array(b64decode("AP8=")).join() === "0,255",
                    "seeded random repeats": () => a[0] === b[0] && a[1] === b[1] && a[0] !== a[1],
                  });
                }
                """);
        CliRun r = CliRun.of("run", path);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 6 out of 6"), r.toString());
    }
}
