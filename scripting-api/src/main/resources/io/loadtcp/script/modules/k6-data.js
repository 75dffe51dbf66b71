// k6/data: SharedArray keeps ONE copy of its elements (as JSON) for all VUs; the function runs once per test.
const host = globalThis.__loadtcp;

export class SharedArray {
  constructor(name, fn) {
    if (typeof name !== "string" || name === "") throw new TypeError("SharedArray: the name must be a non-empty string");
    if (!host.hasShared(name)) {
      if (typeof fn !== "function") throw new TypeError("SharedArray: the second argument must be a function returning an array");
      const items = fn();
      if (!Array.isArray(items)) throw new TypeError(`SharedArray "${name}": the function must return an array`);
      host.putShared(name, items.map((item) => JSON.stringify(item)));
    }
    const length = host.sharedLength(name);
    const at = (i) => JSON.parse(host.sharedElement(name, i));
    return new Proxy([], {
      get(target, prop) {
        if (prop === "length") return length;
        if (typeof prop === "string" && /^\d+$/.test(prop)) {
          const i = Number(prop);
          return i < length ? at(i) : undefined;
        }
        if (prop === Symbol.iterator) return function* () { for (let i = 0; i < length; i++) yield at(i); };
        const method = Array.prototype[prop];
        if (typeof method === "function") {
          return (...args) => method.apply(Array.from({ length }, (_, i) => at(i)), args);
        }
        return undefined;
      },
      set() { throw new TypeError(`SharedArray "${name}" is read-only`); },
      has(target, prop) { return prop === "length" || (typeof prop === "string" && /^\d+$/.test(prop) && Number(prop) < length); },
    });
  }
}
export default { SharedArray };
