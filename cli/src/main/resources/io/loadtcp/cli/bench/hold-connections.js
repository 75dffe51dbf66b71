// Benchmark (scale): each VU holds one connection and exchanges a small message every second.
import { Socket } from "k6/x/tcp";

const PORT = Number(__ENV.PORT);
const SECONDS = Number(__ENV.SECONDS);

export default async function () {
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
