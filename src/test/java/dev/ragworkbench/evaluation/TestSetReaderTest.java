package dev.ragworkbench.evaluation;

import dev.ragworkbench.generation.ChatMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestSetReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsAlpacaItemsWithIdsOrLineNumbers() throws IOException {
        Path f = file("clauses.jsonl", """
                {"id": "c1", "instruction": "Extract the party.", "input": "Acme Ltd agrees", "output": "Acme Ltd"}

                {"instruction": "Say hi.", "output": "hi"}
                {"id": 7, "instruction": "Count.", "input": null, "output": "3"}
                """);
        TestSet set = TestSetReader.read(f);
        assertThat(set.name()).isEqualTo("clauses");
        assertThat(set.format()).isEqualTo(TestSet.TestSetFormat.ALPACA);
        assertThat(set.items()).extracting(TestItem::id).containsExactly("c1", "3", "7");
        assertThat(set.items().getFirst()).isEqualTo(TestItem.alpaca("c1", "Extract the party.", "Acme Ltd agrees", "Acme Ltd"));
        assertThat(set.items().get(1).input()).isEmpty();
        assertThat(set.items().get(1).variables()).containsEntry("instruction", "Say hi.").containsEntry("input", "");
    }

    @Test
    void readsChatItemsTheLastAssistantMessageBeingExpected() throws IOException {
        Path f = file("chat.jsonl", """
                {"id": "a", "messages": [{"role": "system", "content": "Be terse."}, {"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]}
                {"messages": [{"role": "user", "content": "Capital of France?"}, {"role": "assistant", "content": "Paris"}]}
                """);
        TestSet set = TestSetReader.read(f);
        assertThat(set.format()).isEqualTo(TestSet.TestSetFormat.CHAT);
        TestItem a = set.items().getFirst();
        assertThat(a.instruction()).isEqualTo("2+2?");
        assertThat(a.expected()).isEqualTo("4");
        assertThat(a.history()).containsExactly(ChatMessage.system("Be terse."));
        assertThat(set.items().get(1).id()).isEqualTo("2");
        assertThat(set.items().get(1).history()).isEmpty();
    }

    @Test
    void aMalformedLineIsReportedByFileAndLineAndNothingIsKept() throws IOException {
        Path f = file("bad.jsonl", """
                {"instruction": "ok", "output": "ok"}
                {"instruction": "no output"}
                """);
        assertThatThrownBy(() -> TestSetReader.read(f)).isInstanceOf(MalformedFileException.class)
                .hasMessage(f + ":2: missing \"output\" (an Alpaca item has \"instruction\", optional \"input\" and"
                        + " \"output\"; a chat item has \"messages\")")
                .satisfies(e -> assertThat(((MalformedFileException) e).line()).isEqualTo(2));

        assertThatThrownBy(() -> TestSetReader.read(file("json.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n{oops\n")))
                .hasMessageEndingWith("json.jsonl:2: not a JSON object");
        assertThatThrownBy(() -> TestSetReader.read(file("dup.jsonl",
                "{\"id\": \"x\", \"instruction\": \"a\", \"output\": \"b\"}\n{\"id\": \"x\", \"instruction\": \"a\", \"output\": \"b\"}\n")))
                .hasMessageEndingWith("dup.jsonl:2: id 'x' already on line 1");
        assertThatThrownBy(() -> TestSetReader.read(file("mixed.jsonl",
                "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"assistant\", \"content\": \"a\"}]}\n")))
                .hasMessageEndingWith("mixed.jsonl:2: a chat item in a alpaca test set; keep one format per file");
        assertThatThrownBy(() -> TestSetReader.read(file("noanswer.jsonl",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}\n")))
                .hasMessageEndingWith("noanswer.jsonl:1: the last message must be the assistant's (the expected output)");
        assertThatThrownBy(() -> TestSetReader.read(file("empty.jsonl", "\n\n")))
                .hasMessageEndingWith("empty.jsonl: the test set has no items");
    }

    @Test
    void theHashFollowsTheContentNotTheFile() throws IOException {
        var a = TestSetReader.read(file("a.jsonl", "{\"instruction\": \"x\", \"output\": \"y\"}\n"));
        var b = TestSetReader.read(file("b.jsonl", "{ \"output\": \"y\",   \"instruction\": \"x\" }\n"));
        var c = TestSetReader.read(file("c.jsonl", "{\"instruction\": \"x\", \"output\": \"z\"}\n"));
        assertThat(a.sha256()).isEqualTo(b.sha256()).isNotEqualTo(c.sha256()).hasSize(64);
    }
}
