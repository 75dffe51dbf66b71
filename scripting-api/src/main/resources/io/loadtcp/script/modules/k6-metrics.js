// k6/metrics: custom metrics, declared in init code, added to during iterations.
const host = globalThis.__loadtcp;

// The handle is a non-enumerable string-keyed property, not a #private field: private fields get fresh keys in every
// VU's context, which would give every VU's metrics their own shapes and make add() a generic lookup (k6-x-tcp.js).
class CustomMetric {
  constructor(type, name, isTime) {
    if (typeof name !== "string") throw new TypeError(`${type}: the metric name must be a string`);
    Object.defineProperty(this, "__handle", { value: host.metric(name, type, !!isTime) });
    this.name = name;
  }
  add(value, tags) {
    const n = typeof value === "boolean" ? (value ? 1 : 0) : Number(value);
    if (Number.isNaN(n)) throw new TypeError(`${this.name}.add: ${JSON.stringify(value)} is not a number`);
    this.__handle.add(n, tags === undefined ? null : tags);
    return true;
  }
}

export class Counter extends CustomMetric { constructor(name) { super("counter", name, false); } }
export class Gauge extends CustomMetric { constructor(name) { super("gauge", name, false); } }
export class Rate extends CustomMetric { constructor(name) { super("rate", name, false); } }
export class Trend extends CustomMetric { constructor(name, isTime) { super("trend", name, isTime); } }
export default { Counter, Gauge, Rate, Trend };
