package org.pyrite.params;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The param-store file format (big-endian, as {@link DataOutputStream} writes):
 * <pre>
 * magic    8 bytes  "PYRITEPS"
 * version  int      1
 * count    int      number of parameters
 * count times:
 *   name        UTF (modified UTF-8, as DataOutput.writeUTF)
 *   constraint  UTF, e.g. "real", "positive", "greaterThan 1.5", "interval 0.0 1.0", "simplex"
 *   rank        int, then rank ints (the unconstrained shape)
 *   values      numel doubles (the unconstrained values, row-major)
 * checksum long     CRC32 of every byte before it
 * </pre>
 * Unconstrained values are stored so a round trip is exact. A file is refused when the magic,
 * version, checksum or a constraint does not read, or bytes are missing or left over.
 */
final class ParamFile {
    private static final byte[] MAGIC = "PYRITEPS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private ParamFile() {}

    /** One parameter as the file holds it. */
    record Param(String name, Constraint constraint, Tensor unconstrained) {}

    static void write(Path file, List<Param> params) throws IOException {
        byte[] bytes = encode(params);
        ParamFileWriter.replace(file, bytes);
    }

    private static byte[] encode(List<Param> params) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(params.size());
            for (Param p : params) {
                out.writeUTF(p.name());
                out.writeUTF(encode(p.name(), p.constraint()));
                Tensor u = p.unconstrained();
                int[] shape = u.shape();
                out.writeInt(shape.length);
                for (int d : shape) {
                    out.writeInt(d);
                }
                for (double v : u.toArray()) {
                    out.writeDouble(v);
                }
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        }
        return bytes.toByteArray();
    }

    /** Whether {@code prefix} could be the start of a param-store file (what a killed save leaves). */
    static boolean startsLikeParamFile(byte[] prefix, int length) {
        int n = Math.min(length, MAGIC.length);
        return Arrays.equals(prefix, 0, n, MAGIC, 0, n);
    }

    static List<Param> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 8 + 8 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IOException(file + " is not a Pyrite param-store file (bad magic or too short)");
        }
        int bodyLength = all.length - 8;
        CRC32 crc = new CRC32();
        crc.update(all, 0, bodyLength);
        long stored = java.nio.ByteBuffer.wrap(all, bodyLength, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IOException(file + " is corrupt or truncated (checksum mismatch); the param store was not changed");
        }
        List<Param> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, bodyLength))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " has format version " + version + ", this Pyrite reads version " + VERSION);
            }
            int count = in.readInt();
            if (count < 0) {
                throw new IOException(file + " is corrupt: negative parameter count " + count);
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                Constraint c = decode(file, name, in.readUTF());
                int rank = in.readInt();
                if (rank < 0 || rank > 32) {
                    throw new IOException(file + " is corrupt: param '" + name + "' has rank " + rank);
                }
                int[] shape = new int[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readInt();
                    n *= shape[d];
                    if (shape[d] < 0 || n > bodyLength) {
                        throw new IOException(file + " is corrupt: param '" + name + "' has shape " + Arrays.toString(shape));
                    }
                }
                double[] values = new double[(int) n];
                for (int k = 0; k < values.length; k++) {
                    values[k] = in.readDouble();
                }
                out.add(new Param(name, c, Tensor.fromArray(values, shape)));
            }
            if (in.available() != 0) {
                throw new IOException(file + " is corrupt: " + in.available() + " unexpected bytes after the last parameter");
            }
        } catch (EOFException e) {
            throw new IOException(file + " is truncated; the param store was not changed", e);
        }
        return out;
    }

    private static String encode(String name, Constraint c) throws IOException {
        if (c == Constraints.real()) {
            return "real";
        }
        if (c == Constraints.positive()) {
            return "positive";
        }
        if (c == Constraints.unitInterval()) {
            return "unitInterval";
        }
        if (c == Constraints.simplex()) {
            return "simplex";
        }
        if (c == Constraints.lowerCholesky()) {
            return "lowerCholesky";
        }
        if (c instanceof Constraints.GreaterThan) {
            Constraints.GreaterThan g = (Constraints.GreaterThan) c;
            return (g.describe().contains(">=") ? "greaterThanEq " : "greaterThan ") + g.lower();
        }
        if (c instanceof Constraints.LessThan) {
            return "lessThan " + ((Constraints.LessThan) c).upper();
        }
        if (c instanceof Constraints.Interval) {
            Constraints.Interval iv = (Constraints.Interval) c;
            return (iv.describe().endsWith(")") ? "halfOpenInterval " : "interval ") + iv.lower() + " " + iv.upper();
        }
        if (c instanceof Constraints.Independent) {
            Constraints.Independent ind = (Constraints.Independent) c;
            return "independent " + ind.reinterpreted() + " " + encode(name, ind.base());
        }
        throw new IOException("param '" + name + "' has constraint " + c.describe() + ", which the param-store file cannot record");
    }

    private static Constraint decode(Path file, String name, String spec) throws IOException {
        String[] p = spec.split(" ");
        try {
            switch (p[0]) {
                case "real":
                    return Constraints.real();
                case "positive":
                    return Constraints.positive();
                case "unitInterval":
                    return Constraints.unitInterval();
                case "simplex":
                    return Constraints.simplex();
                case "lowerCholesky":
                    return Constraints.lowerCholesky();
                case "greaterThan":
                    return Constraints.greaterThan(Double.parseDouble(p[1]));
                case "greaterThanEq":
                    return Constraints.greaterThanEq(Double.parseDouble(p[1]));
                case "lessThan":
                    return Constraints.lessThan(Double.parseDouble(p[1]));
                case "interval":
                    return Constraints.interval(Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                case "halfOpenInterval":
                    return Constraints.halfOpenInterval(Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                case "independent":
                    String[] parts = spec.split(" ", 3);
                    return Constraints.independent(decode(file, name, parts[2]), Integer.parseInt(parts[1]));
                default:
                    break;
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " is corrupt: param '" + name + "' has an unreadable constraint '" + spec + "'", e);
        }
        throw new IOException(file + " is corrupt: param '" + name + "' has an unknown constraint '" + spec + "'");
    }
}
