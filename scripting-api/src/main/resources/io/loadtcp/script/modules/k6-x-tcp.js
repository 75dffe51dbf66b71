// k6/x/tcp: the xk6-tcp Socket API over loadtcp's Java socket (io.loadtcp.script.SocketBinding).
// Events are delivered on the VU's event loop; "connect" always precedes "data" and "close".
const host = globalThis.__loadtcp;
const EVENTS = ["connect", "data", "close", "error", "timeout"];
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

export class Socket {
  #binding;
  #handlers = Object.create(null);

  constructor(options = {}) {
    const tags = tagsOf(options && options.tags, "new Socket()");
    this.#binding = host.newSocket(tags, (event, arg) => this.#emit(event, arg));
  }

  #emit(event, arg) {
    const handler = this.#handlers[event];
    if (event === "error") {
      if (handler) handler.call(this, tcpError(arg.method, arg.message));
      return;
    }
    if (!handler) return;
    if (event === "data") handler.call(this, new Uint8Array(arg));
    else handler.call(this);
  }

  connect(portOrOptions, hostName) {
    let port, hostArg = hostName, tls = false, timeout = 0, tags = null;
    if (portOrOptions !== null && typeof portOrOptions === "object") {
      ({ port, host: hostArg, tls = false, timeout = 0 } = portOrOptions);
      tags = tagsOf(portOrOptions.tags, "connect()");
    } else {
      port = portOrOptions;
    }
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
      return Promise.reject(tcpError("connect", `connect: invalid port ${JSON.stringify(port)} (1-65535)`));
    }
    const timeoutMs = typeof timeout === "string" ? host.parseDurationMillis(timeout) : Number(timeout) || 0;
    return new Promise((resolve, reject) => {
      this.#binding.connect(portNumber, hostArg ? String(hostArg) : "localhost", !!tls, timeoutMs, tags,
        () => resolve(), (message) => reject(tcpError("connect", message)));
    });
  }

  write(data, options) {
    const encoding = (options && options.encoding) || "utf8";
    if (!ENCODINGS.includes(encoding)) {
      return Promise.reject(tcpError("write", `write: unknown encoding "${encoding}" (use ${ENCODINGS.join(", ")})`));
    }
    const tags = options ? tagsOf(options.tags, "write()") : null;
    let status;
    if (typeof data === "string") {
      status = this.#binding.writeString(data, encoding, tags);
    } else if (data instanceof ArrayBuffer) {
      status = this.#binding.writeBytes(data, 0, data.byteLength, tags);
    } else if (ArrayBuffer.isView(data)) {
      status = this.#binding.writeBytes(data.buffer, data.byteOffset, data.byteLength, tags);
    } else {
      return Promise.reject(tcpError("write", "write: data must be a string, an ArrayBuffer or a typed array"));
    }
    // Most writes complete inside the call (the kernel took the bytes): no callback round trip needed.
    if (status === 0) return Promise.resolve();
    if (status < 0) return Promise.reject(tcpError("write", this.#binding.lastWriteError()));
    return new Promise((resolve, reject) =>
      this.#binding.whenWritten(status, () => resolve(), (message) => reject(tcpError("write", message))));
  }

  on(event, handler) {
    if (!EVENTS.includes(event)) throw new TypeError(`on: unknown event "${event}" (use ${EVENTS.join(", ")})`);
    if (typeof handler !== "function") throw new TypeError(`on("${event}"): the handler must be a function`);
    this.#handlers[event] = handler; // one handler per event, as in xk6-tcp
    return this;
  }

  setTimeout(ms) {
    this.#binding.setTimeout(Number(ms) || 0);
    return this;
  }

  destroy() {
    this.#binding.destroy();
  }

  get ready_state() { return this.#binding.readyState(); }
  get connected() { return this.#binding.isConnected(); }
  get local_ip() { return this.#binding.localIp(); }
  get local_port() { return this.#binding.localPort(); }
  get remote_ip() { return this.#binding.remoteIp(); }
  get remote_port() { return this.#binding.remotePort(); }
  get bytes_written() { return this.#binding.bytesWritten(); }
  get bytes_read() { return this.#binding.bytesRead(); }
}

export default { Socket };
