/**
 * The JavaScript face of the engine: the per-VU GraalJS runtime ({@link io.loadtcp.script.JsVirtualUser}), the
 * k6-compatible built-in modules and the sandboxed file system scripts load their modules through.
 */
package io.loadtcp.script;
