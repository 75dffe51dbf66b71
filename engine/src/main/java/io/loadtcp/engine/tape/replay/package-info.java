/** Replaying a tape: playing the server side or the client side of recorded connections and checking the peer's bytes. */
package io.loadtcp.engine.tape.replay;
