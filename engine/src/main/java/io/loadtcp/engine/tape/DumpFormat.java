package io.loadtcp.engine.tape;

/** How to show recorded bytes: none, escaped text lines, or a hex dump. */
public enum DumpFormat {
    NONE, TEXT, HEX
}
