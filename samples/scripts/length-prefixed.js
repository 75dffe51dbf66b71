// A binary protocol: each message is a 4-byte big-endian length followed by the payload.
// Each iteration opens a connection, exchanges EXCHANGES framed requests/replies on it, and closes it.
import { Socket } from "k6/x/tcp";
import { check } from "k6";

const HOST = __ENV.HOST || "127.0.0.1";
const PORT = Number(__ENV.PORT || 7007);

export const options = { vus: 5, duration: "10s" };

function frame(payload) {
  const out = new Uint8Array(4 + payload.length);
  new DataView(out.buffer).setUint32(0, payload.length);
  out.set(payload, 4);
  return out;
}

// Reads whole frames out of a stream of chunks (TCP does not keep message boundaries).
class FrameReader {
  constructor() { this.buf = new Uint8Array(0); this.waiting = []; }
  push(chunk) {
    const all = new Uint8Array(this.buf.length + chunk.length);
    all.set(this.buf); all.set(chunk, this.buf.length); this.buf = all;
    while (this.buf.length >= 4) {
      const len = new DataView(this.buf.buffer, this.buf.byteOffset).getUint32(0);
      if (this.buf.length < 4 + len) break;
      const body = this.buf.slice(4, 4 + len);
      this.buf = this.buf.slice(4 + len);
      const next = this.waiting.shift();
      if (next) next(body);
    }
  }
  next() { return new Promise((resolve) => this.waiting.push(resolve)); }
}

const EXCHANGES = Number(__ENV.EXCHANGES || 10);

export default async function () {
  // An open socket keeps the iteration alive (as in xk6-tcp), so one iteration = one connection's session.
  const socket = new Socket({ tags: { protocol: "length-prefixed" } });
  const reader = new FrameReader();
  socket.on("data", (chunk) => reader.push(chunk));
  await socket.connect(PORT, HOST);
  for (let i = 0; i < EXCHANGES; i++) {
    const payload = new Uint8Array(32).map((_, j) => (j * 7 + i + __ITER) & 0xff);
    const reply = reader.next();
    await socket.write(frame(payload));
    const body = await reply;
    check(body, {
      "frame length matches": (b) => b.length === payload.length,
      "payload echoed": (b) => b.every((v, k) => v === payload[k]),
    });
  }
  socket.destroy();
}
