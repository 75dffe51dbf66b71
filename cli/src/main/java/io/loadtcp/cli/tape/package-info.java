/** The record, replay and tape commands: recording TCP sessions, replaying either side, turning tapes into scripts. */
package io.loadtcp.cli.tape;
