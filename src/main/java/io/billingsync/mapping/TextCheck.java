package io.billingsync.mapping;

/**
 * What makes a value of an ERP's export not text: a NUL or another control character (tabs and line breaks aside),
 * a byte-order mark inside the text (two files joined into one), or U+FFFD, which stands for bytes not valid in the
 * export's charset: they are never passed on as if they were text.
 */
final class TextCheck {
    private TextCheck() {
    }

    /** Null when the text is fine, else what is wrong with it, as the end of a sentence about the value. */
    static String problem(String text, String charset) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD') {
                return "holds bytes that are not valid " + charset + " (at character " + (i + 1) + "): export the"
                        + " file in the charset the mapping declares, or declare the one it is written in";
            }
            if (c == '\uFEFF') {
                return "holds a byte-order mark (U+FEFF) at character " + (i + 1) + ": two files joined into one?";
            }
            if (c == 0) {
                return "holds a NUL character at character " + (i + 1) + ": the file is damaged or not text";
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return "holds the control character U+" + String.format("%04X", (int) c) + " at character " + (i + 1);
            }
        }
        return null;
    }
}
