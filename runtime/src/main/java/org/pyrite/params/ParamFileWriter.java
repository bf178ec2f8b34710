package org.pyrite.params;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Replaces a param-store file atomically: the bytes go to a temporary sibling
 * ({@code <name><digits>.tmp}), which is flushed to disk and renamed over the file, so a reader
 * (and a crash, {@code kill -9} included) sees the old file or the new one, never a mix.
 *
 * <p>A save that is killed leaves its temporary sibling behind; the next save to the same file
 * removes it. A temporary file still being written is not removed: this JVM knows its own, and
 * another process's holds a lock on it until it is renamed (a killed process's lock is gone).
 * Every failure names the file being saved, not the temporary one, and says why.
 */
final class ParamFileWriter {
    /** Temporary files this JVM is writing now. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static final Pattern DIGITS_TMP = Pattern.compile("\\d+\\.tmp");

    private ParamFileWriter() {}

    static void replace(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new IOException("cannot save params to " + file + ": it is a folder; give the path of a file, e.g. "
                    + file.resolve("params.bin"));
        }
        Path dir = target.getParent();
        createFolder(file, dir);
        removeStaleTemporaries(file, target);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        } catch (IOException e) {
            throw new IOException("cannot save params to " + file + ": no file can be created in the folder " + dir + " ("
                    + reason(e) + "); make the folder writable, or save somewhere else", e);
        }
        IN_PROGRESS.add(tmp);
        try {
            writeAndRename(file, target, tmp, bytes);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } finally {
                IN_PROGRESS.remove(tmp);
            }
        }
    }

    private static void writeAndRename(Path file, Path target, Path tmp, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            // Held until the rename: another process's save to the same file sees a live save, not a stale file.
            ch.lock();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot save params to " + file + " atomically: the file system does not support atomic"
                    + " rename; save to a local disk", e);
        } catch (IOException e) {
            throw new IOException("cannot save params to " + file + ": " + reason(e) + "; the file was not changed", e);
        }
    }

    /** Creates the folder (and its parents) if needed, saying which part of the path is in the way. */
    private static void createFolder(Path file, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IOException("cannot save params to " + file + ": " + p + " is a file, not a folder; save to a path"
                        + " whose parents are folders");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot save params to " + file + ": the folder " + dir + " cannot be created (" + reason(e)
                    + ")", e);
        }
    }

    /**
     * Removes {@code <name><digits>.tmp} siblings of {@code target} that a killed save left: those
     * no save of this JVM is writing, whose lock can be taken (no live process holds it) and whose
     * content is the start of a param-store file (so an unrelated file of that name is kept).
     */
    private static void removeStaleTemporaries(Path file, Path target) throws IOException {
        String name = target.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(), p -> isTemporaryOf(name, p))) {
            for (Path candidate : siblings) {
                if (!IN_PROGRESS.contains(candidate)) {
                    removeIfStale(candidate);
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot save params to " + file + ": removing the temporary files an earlier, killed save"
                    + " left next to it failed (" + reason(e) + ")", e);
        }
    }

    private static boolean isTemporaryOf(String name, Path p) {
        String sibling = p.getFileName().toString();
        return sibling.startsWith(name) && DIGITS_TMP.matcher(sibling.substring(name.length())).matches();
    }

    private static void removeIfStale(Path candidate) throws IOException {
        FileChannel opened;
        try {
            opened = FileChannel.open(candidate, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            // Another user's: its lock cannot be tested, so it may be a save in progress. Not ours to remove.
            return;
        } catch (java.nio.file.NoSuchFileException e) {
            // Renamed or removed between the listing and now: nothing left to remove.
            return;
        }
        try (FileChannel ch = opened) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // this JVM holds it: being written
            }
            if (lock == null) {
                return; // another live process holds it: being written
            }
            // A killed save may have left fewer than 8 bytes, even none: compare what there is.
            ByteBuffer head = ByteBuffer.allocate(8);
            int read = 0;
            while (head.hasRemaining() && read >= 0) {
                read = ch.read(head);
            }
            if (ParamFile.startsLikeParamFile(head.array(), head.position())) {
                Files.delete(candidate);
            }
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
