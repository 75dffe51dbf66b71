package io.loadtcp.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The end of a one-line message for a file that could not be read or written. The JDK's own messages for the common
 * cases are just the path ({@code /var/tapes}), which reads as if the path were the problem's name.
 */
public final class IoErrors {
    private IoErrors() {}

    /** E.g. {@code "/var/tapes: permission denied"}, {@code "/nope: no such file or folder"}. */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) return a.getFile() + ": permission denied";
        if (e instanceof NoSuchFileException n) return n.getFile() + ": no such file or folder";
        if (e instanceof FileAlreadyExistsException x) return x.getFile() + ": exists, and is not a folder";
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
