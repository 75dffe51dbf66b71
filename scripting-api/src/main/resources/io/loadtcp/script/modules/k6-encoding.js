// k6/encoding: base64 in k6's four flavours ("std", "rawstd", "url", "rawurl").
const host = globalThis.__loadtcp;

export function b64encode(input, encoding = "std") {
  if (typeof input === "string") return host.b64encodeString(input, encoding);
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input)
    : ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : null;
  if (bytes === null) throw new TypeError("b64encode: input must be a string, an ArrayBuffer or a typed array");
  return host.b64encodeBytes(bytes.buffer, bytes.byteOffset, bytes.byteLength, encoding);
}

export function b64decode(input, encoding = "std", format) {
  const buffer = host.b64decode(String(input), encoding);
  return format === "s" ? host.utf8(buffer) : new Uint8Array(buffer).slice().buffer;
}
export default { b64encode, b64decode };
