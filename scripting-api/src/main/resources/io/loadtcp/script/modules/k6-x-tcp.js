// k6/x/tcp: the xk6-tcp Socket API over loadtcp's Java socket (io.loadtcp.script.SocketBinding).
// Events are delivered on the VU's event loop; "connect" always precedes "data" and "close".
//
// Written for speed across many VUs: every VU evaluates this module in its own context but runs the same
// compiled code, whose property caches key on object shapes. Class private fields (#x) get fresh keys in every
// context, so each VU's sockets would have their own shapes and the caches would go megamorphic (slow, generic
// lookups on every read and write); plain string-keyed, non-enumerable properties give every VU the same shapes.
// Events arrive as small integers for the same reason: no string comparisons per read.
const host = globalThis.__loadtcp;
const EVENTS = ["connect", "data", "close", "error", "timeout"]; // index = the code SocketBinding sends
const DATA = 1;
const ERROR = 3;
const ENCODINGS = ["utf8", "utf-8", "ascii", "base64", "base64url", "hex"];

function tcpError(method, message) {
  const e = new Error(message);
  e.name = "TCPError";
  e.method = method;
  return e;
}

// null when there are no tags: the Java side then skips converting an empty object.
function tagsOf(value, where) {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object") throw new TypeError(`${where}: tags must be an object of strings`);
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
}

// Received bytes arrive as a string with one char per byte (Latin-1): the cheapest way across the boundary.
function bytesOf(latin1) {
  const n = latin1.length;
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = latin1.charCodeAt(i);
  return bytes;
}

function emit(socket, code, a, b) {
  const handler = socket.__handlers[code];
  if (handler === undefined) return;
  if (code === DATA) handler.call(socket, bytesOf(a));
  else if (code === ERROR) handler.call(socket, tcpError(a, b));
  else handler.call(socket);
}

// A write that cannot start is counted and fires "error" like one that fails on the wire (xk6-tcp only rejects).
function refuseWrite(binding, message, tags) {
  binding.rejectWrite(message, tags);
  return Promise.reject(tcpError("write", message));
}

const WRITTEN = Promise.resolve(); // settled and immutable: every write that completes at once can return it

function settle(status, binding) {
  // Most writes complete inside the call (the kernel took the bytes): no callback round trip needed.
  if (status === 0) return WRITTEN;
  if (status < 0) return Promise.reject(tcpError("write", binding.lastWriteError()));
  return new Promise((resolve, reject) =>
    binding.whenWritten(status, () => resolve(), (message) => reject(tcpError("write", message))));
}

export class Socket {
  constructor(options = {}) {
    const tags = tagsOf(options && options.tags, "new Socket()");
    const binding = host.newSocket(tags, (code, a, b) => emit(this, code, a, b));
    Object.defineProperty(this, "__binding", { value: binding });
    Object.defineProperty(this, "__handlers", { value: [undefined, undefined, undefined, undefined, undefined] });
  }

  connect(portOrOptions, hostName) {
    let port, hostArg = hostName, tls = false, timeout = 0, tags = null;
    if (portOrOptions !== null && typeof portOrOptions === "object") {
      ({ port, host: hostArg, tls = false, timeout = 0 } = portOrOptions);
      tags = tagsOf(portOrOptions.tags, "connect()");
    } else {
      port = portOrOptions;
    }
    const binding = this.__binding;
    const refuse = (message) => new Promise((resolve, reject) =>
      binding.rejectConnect(message, (m) => reject(tcpError("connect", m))));
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
      return refuse(`connect: invalid port ${JSON.stringify(port)} (1-65535)`);
    }
    let timeoutMs;
    try {
      timeoutMs = typeof timeout === "string" ? host.parseDurationMillis(timeout) : Number(timeout) || 0;
    } catch (e) {
      return refuse(`connect: invalid timeout ${JSON.stringify(timeout)} (milliseconds, or a duration such as "5s")`);
    }
    return new Promise((resolve, reject) => {
      binding.connect(portNumber, hostArg ? String(hostArg) : "localhost", !!tls, timeoutMs, tags,
        () => resolve(), (message) => reject(tcpError("connect", message)));
    });
  }

  write(data, options) {
    const binding = this.__binding;
    let encoding = "utf8";
    let tags = null;
    if (options !== undefined && options !== null) {
      encoding = options.encoding || "utf8";
      tags = tagsOf(options.tags, "write()");
      if (!ENCODINGS.includes(encoding)) {
        return refuseWrite(binding, `write: unknown encoding "${encoding}" (use ${ENCODINGS.join(", ")})`, tags);
      }
    }
    if (typeof data === "string") return settle(binding.writeString(data, encoding, tags), binding);
    if (ArrayBuffer.isView(data)) {
      return settle(tags === null ? binding.writeBytes(data.buffer, data.byteOffset, data.byteLength)
        : binding.writeTaggedBytes(data.buffer, data.byteOffset, data.byteLength, tags), binding);
    }
    if (data instanceof ArrayBuffer) {
      return settle(tags === null ? binding.writeBytes(data, 0, data.byteLength)
        : binding.writeTaggedBytes(data, 0, data.byteLength, tags), binding);
    }
    return refuseWrite(binding, "write: data must be a string, an ArrayBuffer or a typed array", tags);
  }

  // xk6-tcp v0.1 called the promise-returning methods connectAsync() and writeAsync() (v0.2 renamed them to
  // connect() and write()): scripts written for v0.1 run unmodified.
  connectAsync(portOrOptions, hostName) {
    return this.connect(portOrOptions, hostName);
  }

  writeAsync(data, options) {
    return this.write(data, options);
  }

  on(event, handler) {
    const code = EVENTS.indexOf(event);
    if (code < 0) throw new TypeError(`on: unknown event "${event}" (use ${EVENTS.join(", ")})`);
    if (typeof handler !== "function") throw new TypeError(`on("${event}"): the handler must be a function`);
    this.__handlers[code] = handler; // one handler per event, as in xk6-tcp
    return this;
  }

  setTimeout(ms) {
    this.__binding.setTimeout(Number(ms) || 0);
    return this;
  }

  destroy() {
    this.__binding.destroy();
  }

  get ready_state() { return this.__binding.readyState(); }
  get connected() { return this.__binding.isConnected(); }
  get local_ip() { return this.__binding.localIp(); }
  get local_port() { return this.__binding.localPort(); }
  get remote_ip() { return this.__binding.remoteIp(); }
  get remote_port() { return this.__binding.remotePort(); }
  get bytes_written() { return this.__binding.bytesWritten(); }
  get bytes_read() { return this.__binding.bytesRead(); }
}

export default { Socket };
