package io.billingsync.docs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown pages, checked the way GitHub shows them: the file (or folder) must exist inside
 * the repository, and a {@code #anchor} must be a heading of the Markdown page it points into, slugged by GitHub's
 * rules. Links in code (fenced blocks, backtick spans) are not links; links with a scheme (https:, mailto:) are not
 * checked.
 */
final class MarkdownLinks {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern INLINE_LINK = Pattern.compile("\\[((?:[^\\[\\]]|\\[[^\\]]*\\])*)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(-L\\d+)?");

    private final Path root;
    private final Map<Path, Set<String>> anchorsByPage = new HashMap<>();
    private int checked;

    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** How many relative links the calls to {@link #broken} have checked so far. */
    int checked() {
        return checked;
    }

    /** Every relative link of the page that does not resolve, as {@code page:line: target (why)}. */
    List<String> broken(Path page) throws IOException {
        Path file = root.resolve(page).normalize();
        String text = withoutCode(Files.readAllLines(file, StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        for (Matcher link : List.of(INLINE_LINK.matcher(text), REFERENCE_DEFINITION.matcher(text))) {
            while (link.find()) {
                String target = link.group(link.groupCount());
                if (SCHEME.matcher(target).find()) {
                    continue;
                }
                checked++;
                String why = whyBroken(file, target);
                if (why != null) {
                    long line = text.substring(0, link.start()).chars().filter(c -> c == '\n').count() + 1;
                    problems.add(root.relativize(file) + ":" + line + ": " + target + " (" + why + ")");
                }
            }
        }
        return problems;
    }

    /** The page with fenced blocks emptied and code spans blanked out, every line where it was. */
    private static String withoutCode(List<String> lines) {
        StringBuilder text = new StringBuilder();
        boolean inFence = false;
        for (String line : lines) {
            boolean fence = FENCE.matcher(line).find();
            inFence ^= fence;
            text.append(fence || inFence ? "" : line).append('\n');
        }
        return CODE_SPAN.matcher(text).replaceAll(span -> span.group().replaceAll("[^\n]", "x"));
    }

    /** GitHub's anchor of a heading: its text as shown, lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        String shown = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "")
                .replaceAll("<[^>]+>", "");
        return shown.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }

    private String whyBroken(Path page, String target) throws IOException {
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (fragment == null) {
            return null;
        }
        if (!resolved.getFileName().toString().endsWith(".md")) {
            return LINE_ANCHOR.matcher(fragment).matches() && Files.isRegularFile(resolved) ? null
                    : "an anchor into a file that is not Markdown";
        }
        return anchorsOf(resolved).contains(fragment) ? null : "no heading with this anchor in " + root.relativize(resolved);
    }

    private Set<String> anchorsOf(Path page) throws IOException {
        Set<String> anchors = anchorsByPage.get(page);
        if (anchors == null) {
            anchors = readAnchors(page);
            anchorsByPage.put(page, anchors);
        }
        return anchors;
    }

    private static Set<String> readAnchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inFence && heading.matches()) {
                String slug = anchor(heading.group(1));
                int times = seen.merge(slug, 1, Integer::sum);
                anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (!inFence && html.find()) {
                anchors.add(html.group(1));
            }
        }
        return anchors;
    }
}
