package io.loadtcp.script;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only file system a script sees: read-only, limited to the script's folder (and folders the user allowed),
 * plus the built-in modules at a virtual path. Anything else is "access denied", so a script cannot read files
 * the user did not hand it.
 */
final class ScriptFileSystem implements FileSystem {
    private final FileSystem disk = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    private final Path base;
    private final List<Path> allowed;

    ScriptFileSystem(Path scriptDir, List<Path> extraAllowed) {
        this.base = scriptDir.toAbsolutePath().normalize();
        this.allowed = new java.util.ArrayList<>();
        this.allowed.add(base);
        for (Path p : extraAllowed) this.allowed.add(p.toAbsolutePath().normalize());
    }

    @Override
    public Path parsePath(URI uri) {
        if (BuiltinModules.isBuiltinSpecifier(uri.toString())) return parsePath(uri.toString());
        return disk.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        if (BuiltinModules.isBuiltinSpecifier(path)) {
            path = BuiltinModules.canonical(path);
            if (!BuiltinModules.exists(path)) {
                throw new IllegalArgumentException("unknown module \"" + path + "\" (built-in modules: "
                        + String.join(", ", new java.util.TreeSet<>(BuiltinModules.names())) + ")");
            }
            return Paths.get(BuiltinModules.pathOf(path));
        }
        return disk.parsePath(path);
    }

    private static boolean isBuiltin(Path p) {
        return p.toString().startsWith(BuiltinModules.ROOT);
    }

    /** A path for open(): relative to the script's folder; refused outside the allowed folders. */
    Path resolveReadable(String path) {
        Path p = toAbsolutePath(Paths.get(path)).normalize();
        try {
            checkAllowed(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("open(\"" + path + "\"): " + p
                    + " is outside the script's folder; allow it with --allow-read DIR");
        }
        return p;
    }

    private void checkAllowed(Path p) throws IOException {
        Path abs = toAbsolutePath(p).normalize();
        for (Path a : allowed) if (abs.startsWith(a)) return;
        throw new java.nio.file.AccessDeniedException(abs.toString(), null,
                "outside the script's folder " + base + " (scripts may only read files below it)");
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
        if (isBuiltin(path)) {
            if (BuiltinModules.specifierOf(path.toString()) == null) throw new NoSuchFileException(path.toString());
            return;
        }
        checkAllowed(path);
        disk.checkAccess(path, modes, options);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new IOException("scripts cannot create directories");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new IOException("scripts cannot delete files");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
            throw new IOException("scripts cannot write files");
        }
        if (isBuiltin(path)) return new ReadOnlyBytes(BuiltinModules.source(BuiltinModules.specifierOf(path.toString())));
        checkAllowed(path);
        return disk.newByteChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        throw new IOException("scripts cannot list directories");
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : base.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        if (isBuiltin(path)) return path;
        return disk.toRealPath(toAbsolutePath(path), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        if (isBuiltin(path)) {
            return Map.of("isRegularFile", true, "isDirectory", false, "isSymbolicLink", false, "isOther", false,
                    "size", (long) BuiltinModules.source(BuiltinModules.specifierOf(path.toString())).length);
        }
        checkAllowed(path);
        return disk.readAttributes(path, attributes, options);
    }

    /** A built-in module's source as a channel. */
    private static final class ReadOnlyBytes implements SeekableByteChannel {
        private final byte[] data;
        private int position;

        ReadOnlyBytes(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= data.length) return -1;
            int n = Math.min(dst.remaining(), data.length - position);
            dst.put(data, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, data.length);
            return this;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
