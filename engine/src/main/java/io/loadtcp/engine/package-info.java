/**
 * The load core's entry types: {@link io.loadtcp.engine.TestRun} runs a {@link io.loadtcp.engine.TestPlan} with
 * {@link io.loadtcp.engine.VirtualUser}s made by a {@link io.loadtcp.engine.VirtualUserFactory}. The engine does not
 * know what a VU executes (the scripting layer decides), only when and where: on its one event loop.
 */
package io.loadtcp.engine;
