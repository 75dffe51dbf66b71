/** Turning a tape into a k6-style load test script that replays the recorded client side and checks the answers. */
package io.loadtcp.engine.tape.script;
