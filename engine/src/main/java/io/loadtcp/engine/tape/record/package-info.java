/** Recording: a man-in-the-middle proxy (plain or gateway, TLS on either side) that writes what passes to tapes. */
package io.loadtcp.engine.tape.record;
