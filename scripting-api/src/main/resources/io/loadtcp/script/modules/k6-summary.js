// k6-summary (k6 users import it from https://jslib.k6.io/k6-summary/…; loadtcp serves it offline).
// textSummary() returns loadtcp's own end-of-test text; its options (indent, enableColors) are not applied.
const host = globalThis.__loadtcp;

export function textSummary(data, options) {
  return host.textSummary();
}

export function jUnit(data, options) {
  throw new Error("k6-summary jUnit() is not available in loadtcp; write your own from data.metrics");
}
export default { textSummary, jUnit };
