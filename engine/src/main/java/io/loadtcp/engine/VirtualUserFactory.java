package io.loadtcp.engine;

/** Makes VUs; the scripting layer implements it (one JavaScript context per VU). */
public interface VirtualUserFactory {
    /**
     * Creates and initialises a VU (for a script: runs its init code). Called on {@code spec.loop()}.
     * Throws {@link VuInitException} when the VU cannot be initialised.
     */
    VirtualUser create(VuSpec spec);
}
