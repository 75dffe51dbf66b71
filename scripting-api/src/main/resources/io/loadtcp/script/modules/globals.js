// Globals every VU has: timers on its event loop, console, __VU/__ITER/__ENV.
(function () {
  const host = globalThis.__loadtcp;
  Object.defineProperty(globalThis, "__loadtcp", { enumerable: false });
  // Host class lookup is denied anyway; removing the object leaves scripts nothing to probe.
  for (const name of ["Java", "Packages", "java", "javax", "javafx", "com", "org", "edu", "net"]) {
    try { delete globalThis[name]; } catch (e) { /* not configurable: lookups are denied anyway */ }
  }
  globalThis.setTimeout = (fn, ms, ...args) => {
    if (typeof fn !== "function") throw new TypeError("setTimeout: the callback must be a function");
    return host.setTimer(() => fn(...args), Number(ms) || 0, false);
  };
  globalThis.setInterval = (fn, ms, ...args) => {
    if (typeof fn !== "function") throw new TypeError("setInterval: the callback must be a function");
    return host.setTimer(() => fn(...args), Number(ms) || 0, true);
  };
  globalThis.clearTimeout = (id) => { if (id !== undefined && id !== null) host.clearTimer(Number(id)); };
  globalThis.clearInterval = globalThis.clearTimeout;

  const show = (v) => {
    if (typeof v === "string") return v;
    if (v instanceof Error) return v.stack || String(v);
    if (typeof v === "object" && v !== null) {
      try { return JSON.stringify(v); } catch (e) { return String(v); }
    }
    return String(v);
  };
  const log = (level) => (...args) => host.log(level, args.map(show).join(" "));
  globalThis.console = { log: log("info"), info: log("info"), warn: log("warn"), error: log("error"), debug: log("debug") };

  // open(path, "b"?): a file next to the script, in init code only; text, or an ArrayBuffer with "b".
  globalThis.open = (path, mode) => {
    const buffer = host.open(String(path), mode === undefined ? "" : String(mode));
    return mode === "b" ? new Uint8Array(buffer).slice().buffer : host.utf8(buffer);
  };

  Object.defineProperty(globalThis, "__VU", { get: () => host.vuId(), enumerable: true });
  Object.defineProperty(globalThis, "__ITER", { get: () => host.iteration(), enumerable: true });
  // __ENV: the global env (-e KEY=VAL), with the running scenario's `env` over it; parsed again only when it changes.
  let envJson, env;
  Object.defineProperty(globalThis, "__ENV", {
    get: () => {
      const j = host.envJson();
      if (j !== envJson) { envJson = j; env = JSON.parse(j); }
      return env;
    },
    set: (v) => { env = v; },
    enumerable: true,
    configurable: true,
  });
})();
