// k6: check, sleep, group, fail, randomSeed.
const host = globalThis.__loadtcp;

// Pauses the VU: "await sleep(1)" pauses right there; a plain "sleep(1)" (k6 style) delays the end of the
// iteration by the same time, but code after it runs at once, because the VU shares its event loop.
export function sleep(seconds) {
  return new Promise((resolve) => host.sleep(Number(seconds) || 0, resolve));
}

export function check(value, checks, tags) {
  let all = true;
  for (const [name, predicate] of Object.entries(checks || {})) {
    let ok;
    try {
      ok = typeof predicate === "function" ? !!predicate(value) : !!predicate;
    } catch (e) {
      ok = false;
      host.reportError(e);
    }
    host.check(name, ok, tags || {});
    all = all && ok;
  }
  return all;
}

export function group(name, fn) {
  return host.group(String(name), fn);
}

export function fail(message) {
  throw new Error(message === undefined ? "fail() called" : String(message));
}

// Makes Math.random() repeatable in this VU (mulberry32), as k6's randomSeed does.
export function randomSeed(seed) {
  let a = Number(seed) >>> 0;
  Math.random = function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export default { sleep, check, group, fail, randomSeed };
