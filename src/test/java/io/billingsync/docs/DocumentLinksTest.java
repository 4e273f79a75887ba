package io.billingsync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link of the README and the docs/ pages leads to a file that exists and a heading it has. */
class DocumentLinksTest {

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        MarkdownLinks links = new MarkdownLinks(Path.of(""));
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(links.broken(page));
        }
        assertThat(pages).as("pages").hasSizeGreaterThan(5);
        assertThat(links.checked()).as("relative links checked").isGreaterThan(50);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theReadmeLinksEveryDocsPage() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            assertThat(docs.filter(p -> p.toString().endsWith(".md")).map(p -> "](docs/" + p.getFileName() + ")"))
                    .isNotEmpty().allSatisfy(link -> assertThat(readme).contains(link));
        }
    }

    @Test
    void aMissingFileAHeadingNotThereAndALinkOutOfTheRepositoryAreReported(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(Files.createDirectories(root.resolve("src")).resolve("A.java"), "class A {\n}\n");
        Files.writeString(root.resolve("docs/PAGE.md"), "# Page\n\n## Health, metrics, logs\n\n```\n[in code](GONE.md)\n```\n");
        Files.writeString(root.resolve("README.md"), String.join("\n",
                "# Title",
                "[fine](docs/PAGE.md#health-metrics-logs), [fine too](#title), [web](https://example.com/x.md)",
                "`[in a code span](GONE.md)`",
                "[gone](docs/GONE.md) and [no heading](docs/PAGE.md#health)",
                "[out](../elsewhere/README.md), [a line](src/A.java#L2), [not markdown](docs#x), [split",
                "over lines](docs/PAGE.md#nope)", ""));
        MarkdownLinks links = new MarkdownLinks(root);

        assertThat(links.broken(Path.of("README.md"))).containsExactly(
                "README.md:4: docs/GONE.md (no such file)",
                "README.md:4: docs/PAGE.md#health (no heading with this anchor in docs/PAGE.md)",
                "README.md:5: ../elsewhere/README.md (outside the repository)",
                "README.md:5: docs#x (an anchor into a file that is not Markdown)",
                "README.md:5: docs/PAGE.md#nope (no heading with this anchor in docs/PAGE.md)");
        assertThat(links.broken(Path.of("docs/PAGE.md"))).isEmpty();
    }

    @Test
    void anchorsFollowGitHubsRules(@TempDir Path root) throws IOException {
        assertThat(MarkdownLinks.anchor("Requests per change: coalescing and the shared request budget"))
                .isEqualTo("requests-per-change-coalescing-and-the-shared-request-budget");
        assertThat(MarkdownLinks.anchor("Field names and values in `changes`")).isEqualTo("field-names-and-values-in-changes");
        assertThat(MarkdownLinks.anchor("Address pre-checks (not used)")).isEqualTo("address-pre-checks-not-used");
        assertThat(MarkdownLinks.anchor("The `sync_*` names — **all** of them")).isEqualTo("the-sync_-names--all-of-them");
        assertThat(MarkdownLinks.anchor("See [RECORDS.md](RECORDS.md) first")).isEqualTo("see-recordsmd-first");

        Files.writeString(root.resolve("A.md"), "# Notes\n## Notes\n## Notes\n[second](#notes-1) [third](#notes-2) [fourth](#notes-3)\n");
        assertThat(new MarkdownLinks(root).broken(Path.of("A.md")))
                .containsExactly("A.md:4: #notes-3 (no heading with this anchor in A.md)");
    }
}
