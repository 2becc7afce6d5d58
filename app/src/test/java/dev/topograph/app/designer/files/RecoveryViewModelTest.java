package dev.topograph.app.designer.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.files.RecoveryViewModel.Choice;
import dev.topograph.app.designer.files.RecoveryViewModel.Offer;
import dev.topograph.app.files.RecoveryStore;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.model.command.Edits;
import dev.topograph.model.file.ProjectFile;
import dev.topograph.model.topology.ServiceNode;
import dev.topograph.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autosave and recovery without a window: the copy goes beside the user's file, never over it;
 * it goes away when the design is clean; a later session offers it and recovers it as unsaved
 * changes. A "crash" here is a session that is simply abandoned.
 */
class RecoveryViewModelTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shop.topology.json");

    @TempDir
    Path temp;
    private Path design;
    private Path recoveryDir;
    private byte[] designBytes;

    /** One run of the designer: its document and its autosave, with no delay and no threads. */
    private record Session(DocumentViewModel document, RecoveryViewModel recovery, RecoveryStore store) {
    }

    @BeforeEach
    void copyTheExample() throws IOException {
        design = temp.resolve("shop.topology.json");
        Files.copy(EXAMPLE, design);
        designBytes = Files.readAllBytes(design);
        recoveryDir = temp.resolve("data/recovery");
    }

    /** A session whose store takes every earlier writer for dead, as after a crash. */
    private Session session(long delayMillis) {
        DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());
        RecoveryStore store = new RecoveryStore(recoveryDir, writer -> false);
        return new Session(document, new RecoveryViewModel(document, TaskExecutor.synchronous(), store, delayMillis), store);
    }

    private Session startedWithDesign() {
        Session s = session(0);
        s.recovery().start(offer -> Choice.LATER, () -> s.document().open(design, e -> { throw new AssertionError(e); }),
                () -> { });
        return s;
    }

    private static void addService(DocumentViewModel document, String id) {
        assertThat(document.execute(Edits.addNode(ServiceNode.of(id, 9100 + id.length())))).isTrue();
    }

    private List<Path> recoveryFiles() throws IOException {
        if (!Files.isDirectory(recoveryDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(recoveryDir)) {
            return files.toList();
        }
    }

    private Path copyOf(Optional<Path> origin) {
        return recoveryDir.resolve(RecoveryStore.key(origin) + ".topology.json");
    }

    @Test
    void anEditIsWrittenToARecoveryCopyAndTheUsersFileStaysAsSaved() throws Exception {
        Session s = startedWithDesign();
        addService(s.document(), "extra");

        Path copy = copyOf(Optional.of(design));
        assertThat(copy).exists();
        assertThat(Files.readString(copy)).isEqualTo(new ProjectFile().write(s.document().topology()));
        assertThat(Files.readString(recoveryDir.resolve(RecoveryStore.key(Optional.of(design)) + ".origin.json")))
                .contains(design.toString());
        assertThat(Files.readAllBytes(design)).isEqualTo(designBytes);
    }

    @Test
    void nothingIsWrittenBeforeTheSessionStarts() throws Exception {
        Session s = session(0);
        s.document().open(design, e -> { });
        addService(s.document(), "extra");
        assertThat(recoveryFiles()).isEmpty();
    }

    @Test
    void savingRemovesTheCopy() throws Exception {
        Session s = startedWithDesign();
        addService(s.document(), "extra");
        assertThat(recoveryFiles()).isNotEmpty();

        s.document().save(design, () -> { }, e -> { throw new AssertionError(e); });
        assertThat(s.document().dirtyProperty().get()).isFalse();
        assertThat(recoveryFiles()).isEmpty();
    }

    @Test
    void undoingBackToTheSavedDesignRemovesTheCopy() throws Exception {
        Session s = startedWithDesign();
        addService(s.document(), "extra");
        s.document().undo();
        assertThat(recoveryFiles()).isEmpty();
        s.document().redo();
        assertThat(copyOf(Optional.of(design))).exists();
    }

    @Test
    void aSaveAsOfAnUntitledDesignRemovesItsUntitledCopy() throws Exception {
        Session s = session(0);
        s.recovery().start(offer -> Choice.LATER, () -> { }, () -> { });
        addService(s.document(), "first");
        assertThat(copyOf(Optional.empty())).exists();

        s.document().save(temp.resolve("new.topology.json"), () -> { }, e -> { throw new AssertionError(e); });
        assertThat(recoveryFiles()).isEmpty();
    }

    @Test
    void closingTheWindowRemovesTheCopyThenCloses() throws Exception {
        Session s = startedWithDesign();
        addService(s.document(), "extra");
        List<String> closed = new ArrayList<>();
        s.recovery().close(() -> closed.add("closed"));
        assertThat(closed).containsExactly("closed");
        assertThat(recoveryFiles()).isEmpty();
        addService(s.document(), "after-close");
        assertThat(recoveryFiles()).isEmpty();
    }

    @Test
    void aLaterSessionOffersTheCopyAndRecoverShowsItAsUnsavedChangesOfTheFile() throws Exception {
        Session crashed = startedWithDesign();
        addService(crashed.document(), "extra");
        Topology edited = crashed.document().topology();

        Session next = session(0);
        List<Offer> offers = new ArrayList<>();
        List<String> events = new ArrayList<>();
        next.recovery().start(offer -> {
            offers.add(offer);
            return Choice.RECOVER;
        }, () -> events.add("opened the initial file"), () -> events.add("recovered"));

        assertThat(offers).singleElement().satisfies(offer -> {
            assertThat(offer.name()).isEqualTo("shop.topology.json");
            assertThat(offer.file()).contains(design.toAbsolutePath().normalize());
        });
        assertThat(events).containsExactly("recovered");
        DocumentViewModel doc = next.document();
        assertThat(doc.topology()).isEqualTo(edited);
        assertThat(doc.dirtyProperty().get()).isTrue();
        assertThat(doc.fileProperty().get()).contains(design.toAbsolutePath().normalize());
        assertThat(doc.titleProperty().get()).startsWith("• shop.topology.json");
        assertThat(Files.readAllBytes(design)).isEqualTo(designBytes);

        // The copy stays until the recovered changes are saved: a second crash loses nothing.
        assertThat(copyOf(Optional.of(design))).exists();
        doc.undo();
        assertThat(doc.topology()).isEqualTo(new ProjectFile().load(design));
        doc.redo();
        doc.save(doc.fileProperty().get().orElseThrow(), () -> { }, e -> { throw new AssertionError(e); });
        assertThat(new ProjectFile().load(design)).isEqualTo(edited);
        assertThat(recoveryFiles()).isEmpty();
    }

    @Test
    void discardRemovesTheCopyAndOpensTheFileTheAppWasStartedWith() throws Exception {
        Session crashed = startedWithDesign();
        addService(crashed.document(), "extra");

        Session next = session(0);
        List<String> events = new ArrayList<>();
        next.recovery().start(offer -> Choice.DISCARD, () -> events.add("opened"), () -> events.add("recovered"));
        assertThat(events).containsExactly("opened");
        assertThat(recoveryFiles()).isEmpty();
        assertThat(next.document().dirtyProperty().get()).isFalse();
    }

    @Test
    void closingTheOfferWithoutAnAnswerKeepsTheCopyForNextTime() throws Exception {
        Session crashed = startedWithDesign();
        addService(crashed.document(), "extra");

        Session next = session(0);
        next.recovery().start(offer -> Choice.LATER, () -> { }, () -> { });
        Session third = session(0);
        List<Offer> offers = new ArrayList<>();
        third.recovery().start(offer -> {
            offers.add(offer);
            return Choice.LATER;
        }, () -> { }, () -> { });
        assertThat(offers).hasSize(1);
    }

    @Test
    void anUntitledDesignIsRecoveredWithoutAFile() throws Exception {
        Session crashed = session(0);
        crashed.recovery().start(offer -> Choice.LATER, () -> { }, () -> { });
        addService(crashed.document(), "lonely");

        Session next = session(0);
        List<Offer> offers = new ArrayList<>();
        next.recovery().start(offer -> {
            offers.add(offer);
            return Choice.RECOVER;
        }, () -> { }, () -> { });
        assertThat(offers).singleElement().satisfies(o -> {
            assertThat(o.file()).isEmpty();
            assertThat(o.name()).isEqualTo("untitled");
        });
        assertThat(next.document().topology().node("lonely")).isPresent();
        assertThat(next.document().dirtyProperty().get()).isTrue();
        assertThat(next.document().fileProperty().get()).isEmpty();
    }

    @Test
    void aCopyWrittenByAProcessThatStillRunsIsNotOffered() throws Exception {
        Session running = startedWithDesign();
        addService(running.document(), "extra");

        // The real store asks the operating system: this very process wrote the copy and still runs.
        DocumentViewModel document = new DocumentViewModel(TaskExecutor.synchronous());
        RecoveryViewModel other = new RecoveryViewModel(document, TaskExecutor.synchronous(),
                new RecoveryStore(recoveryDir), 0);
        List<Offer> offers = new ArrayList<>();
        other.start(offer -> {
            offers.add(offer);
            return Choice.DISCARD;
        }, () -> { }, () -> { });
        assertThat(offers).isEmpty();
        assertThat(copyOf(Optional.of(design))).exists();
    }

    @Test
    void editsInQuickSuccessionAreWrittenOnceTheDelayHasPassedAsTheNewestState() throws Exception {
        Session s = session(300);
        s.recovery().start(offer -> Choice.LATER, () -> s.document().open(design, e -> { }), () -> { });
        for (int i = 0; i < 5; i++) {
            addService(s.document(), "quick-" + i);
        }
        Topology newest = s.document().topology();
        String expected = new ProjectFile().write(newest);
        Path copy = copyOf(Optional.of(design));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(copy) && Files.readString(copy).equals(expected));
    }
}
