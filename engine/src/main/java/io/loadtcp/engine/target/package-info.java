/** Built-in targets to load test against: an echo and a discard server, with optional (mutual) TLS. */
package io.loadtcp.engine.target;
