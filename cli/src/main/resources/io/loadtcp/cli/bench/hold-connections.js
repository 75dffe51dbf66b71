// Benchmark (scale): each VU holds one connection and exchanges a small message every second.
import { Socket } from "k6/x/tcp";

const PORT = Number(__ENV.PORT);
const SECONDS = Number(__ENV.SECONDS);
const RAMP_SECONDS = Number(__ENV.RAMP_SECONDS || 0);

export default async function () {
  // Spread the connects so thousands of VUs do not overflow the target's accept queue at once.
  if (RAMP_SECONDS > 0) await new Promise((r) => setTimeout(r, Math.random() * RAMP_SECONDS * 1000));
  const socket = new Socket();
  const closed = new Promise((resolve) => socket.on("close", resolve));
  await socket.connect(PORT, "127.0.0.1");
  let sent = 0;
  const timer = setInterval(() => {
    if (++sent > SECONDS) { clearInterval(timer); socket.destroy(); return; }
    socket.write("ping\n");
  }, 1000);
  await closed;
}
