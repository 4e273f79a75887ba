package io.billingsync.partnercenter;

/** Makes text from outside (server bodies, exception messages, ids) safe to put in one line of a message. */
final class MessageText {

    private MessageText() {
    }

    /** Control characters become spaces, runs of whitespace collapse, and long text is cut with an ellipsis. */
    static String clip(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars + 1));
        boolean lastWasSpace = false;
        for (int i = 0; i < text.length() && out.length() <= maxChars; i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isISOControl(c);
            if (space) {
                if (!lastWasSpace && out.length() > 0) {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
            lastWasSpace = space;
        }
        String s = out.toString().strip();
        return s.length() > maxChars ? s.substring(0, maxChars) + "…" : s;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
