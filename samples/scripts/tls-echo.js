// TLS echo: connects with TLS (SNI = host), sends a line, checks the echo.
// Target:  ./loadtcp serve echo --tls --listen 127.0.0.1:7443
import { Socket } from "k6/x/tcp";
import { check } from "k6";

const HOST = __ENV.HOST || "localhost";
const PORT = Number(__ENV.PORT || 7443);

export const options = {
  vus: 5,
  duration: "10s",
  insecureSkipTLSVerify: true, // serve --tls uses a self-signed certificate
  tlsVersion: { min: "tls1.2", max: "tls1.3" },
};

export default async function () {
  const socket = new Socket({ tags: { sample: "tls-echo" } });
  const reply = new Promise((resolve, reject) => {
    socket.on("data", (d) => resolve(String.fromCharCode(...d)));
    socket.on("error", reject);
  });
  await socket.connect({ port: PORT, host: HOST, tls: true, timeout: "5s" });
  await socket.write("over TLS\n");
  check(await reply, { "tls echo": (r) => r === "over TLS\n" });
  socket.destroy();
}
