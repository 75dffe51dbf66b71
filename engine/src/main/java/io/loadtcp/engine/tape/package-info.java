/** Tapes: the versioned, streamed file format of recorded TCP sessions, its reader and writer, and describing one. */
package io.loadtcp.engine.tape;
