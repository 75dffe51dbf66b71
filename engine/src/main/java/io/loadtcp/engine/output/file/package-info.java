/**
 * k6's file outputs, {@code --out json=FILE} and {@code --out csv=FILE}: every individual sample, written by a
 * thread of its own ({@link io.loadtcp.engine.output.file.SampleFileOutput}) in one of two
 * {@link io.loadtcp.engine.output.file.SampleFormat}s.
 */
package io.loadtcp.engine.output.file;
