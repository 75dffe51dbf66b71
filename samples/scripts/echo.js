// Echo: each iteration connects, sends a line, waits for it to come back, checks it, and closes.
// Run against the built-in target:  ./loadtcp serve echo   then   ./loadtcp run samples/scripts/echo.js
import { Socket } from "k6/x/tcp";
import { check } from "k6";

const HOST = __ENV.HOST || "127.0.0.1";
const PORT = Number(__ENV.PORT || 7007);

export const options = { vus: 10, duration: "10s" };

export default async function () {
  const socket = new Socket({ tags: { sample: "echo" } });
  const message = `hello from VU ${__VU}, iteration ${__ITER}\n`;
  let received = "";

  const done = new Promise((resolve, reject) => {
    socket.on("data", (data) => {
      received += String.fromCharCode(...data);
      if (received.length >= message.length) socket.destroy();
    });
    socket.on("error", (err) => reject(err));
    socket.on("close", () => resolve());
  });

  await socket.connect(PORT, HOST);
  await socket.write(message);
  socket.setTimeout(2000);
  socket.on("timeout", () => socket.destroy());
  await done;

  check(received, { "echo matches": (r) => r === message });
}
