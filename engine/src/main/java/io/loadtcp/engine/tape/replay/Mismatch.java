package io.loadtcp.engine.tape.replay;

import io.loadtcp.engine.tape.Direction;

/**
 * The first place where the peer's byte stream left the tape: {@code offset} counts from the start of the stream in
 * {@code direction}; the two windows start at {@code windowStart} and surround that offset ({@code received} may be
 * shorter when the peer stopped sending).
 */
public record Mismatch(Direction direction, long offset, long windowStart, byte[] expected, byte[] received) {}
