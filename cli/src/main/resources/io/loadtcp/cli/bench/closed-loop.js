// Benchmark (a): each VU holds one persistent connection and, until SECONDS have passed, writes a
// MESSAGE_SIZE-byte message and awaits its full echo before writing the next one (a closed loop).
import { Socket } from "k6/x/tcp";

const PORT = Number(__ENV.PORT);
const SECONDS = Number(__ENV.SECONDS);
const SIZE = Number(__ENV.MESSAGE_SIZE || 64);
const message = new Uint8Array(SIZE).fill(120);

export default async function () {
  const socket = new Socket();
  let pending = 0;
  let wake = null;
  socket.on("data", (d) => {
    pending -= d.length;
    if (pending <= 0 && wake) { const w = wake; wake = null; w(); }
  });
  await socket.connect(PORT, "127.0.0.1");
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    pending += SIZE;
    const echoed = new Promise((resolve) => { wake = resolve; });
    await socket.write(message);
    await echoed;
  }
  socket.destroy();
}
