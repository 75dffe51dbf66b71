// Runs one iteration's function with the setup data and tells the VU when it is over: at once for a plain
// function, when the promise settles for an async one. Errors (thrown or rejected) are handed over with their
// stack; with `keepResult` (setup), the returned value too, as JSON.
((host) => (fn, data, keepResult) => {
  const done = (value) => host.settled(null, keepResult && value !== undefined ? JSON.stringify(value) : null);
  const failed = (e) => host.settled(e === undefined || e === null ? new Error("the iteration's promise was rejected") : e, null);
  let result;
  try {
    result = fn(data);
  } catch (e) {
    failed(e);
    return;
  }
  if (result !== null && typeof result === "object" && typeof result.then === "function") {
    result.then(done, failed);
  } else {
    done(result);
  }
})(globalThis.__loadtcp)
