// Runs one iteration's function and tells the VU when it is over: at once for a plain function, when the
// promise settles for an async one. Errors (thrown or rejected) are handed over with their stack.
((host) => (fn) => {
  let result;
  try {
    result = fn();
  } catch (e) {
    host.settled(e);
    return;
  }
  if (result !== null && typeof result === "object" && typeof result.then === "function") {
    result.then(() => host.settled(null),
      (e) => host.settled(e === undefined || e === null ? new Error("the iteration's promise was rejected") : e));
  } else {
    host.settled(null);
  }
})(globalThis.__loadtcp)
