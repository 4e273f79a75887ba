package io.billingsync.sftp;

import io.billingsync.batch.UnusableFileNames;
import io.billingsync.records.FileNames;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.component.file.GenericFile;

/**
 * A file as the server listed it. Names are read as ISO-8859-1 (one character per byte, see the route), so
 * {@code listedName} keeps the name's bytes exactly, whatever they are: the file can always be fetched and moved by
 * it, and its name is turned into a local one here, as the inbox does with its own files.
 */
record RemoteFile(String listedName, long size, long modified) {

    static RemoteFile of(GenericFile<?> file) {
        return new RemoteFile(file.getFileNameOnly(), file.getFileLength(), file.getLastModified());
    }

    byte[] nameBytes() {
        return listedName.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The name as the sender meant it (UTF-8); null when its bytes are not UTF-8. */
    String name() {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(nameBytes())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** For logs and records: the name, or, when it is not UTF-8, its bytes with every unprintable one as {@code %XX}. */
    String printable() {
        String name = name();
        if (name != null) {
            return name;
        }
        return UnusableFileNames.safeName(nameBytes());
    }

    /**
     * Its name in the inbox: the name itself; when longer than a local name may be, shortened with a hash before its
     * extension, which tells the inbox how to read it ({@code .ndjson}, {@code .json}).
     */
    String localName() {
        String name = name();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        return FileNames.withSuffix(name.substring(0, name.length() - extension.length()), extension);
    }

    /** The same name, size and modification time always give the same id; any difference gives another. */
    String id() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(nameBytes());
            digest.update(("\n" + size + "\n" + modified).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
