/** Netty transport: the client socket a VU drives, TLS settings, name resolution, transport selection. */
package io.loadtcp.engine.net;
