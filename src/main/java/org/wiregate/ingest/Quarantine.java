package org.wiregate.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.wiregate.store.CapturedPayload;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.Rejections;
import org.wiregate.store.Rejections.ItemRejection;
import org.wiregate.store.StoreFailures;

/**
 * Records why a file or an item was not published: in the rejection ledger, in the log (file,
 * source, reason on one line), and for whole inbox files in a {@code .reason.txt} in the source's
 * {@code .error/} folder, beside the original moved there byte-identical. A file reaches .error/
 * only with both its ledger row and its reason file; copy that failed because the database was
 * away is never quarantined ({@link DatabaseWait}).
 */
@Component("quarantine")
public class Quarantine {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    private final Rejections rejections;
    private final PayloadRepository payloads;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final BlockedQuarantine blocked;
    /** The kept bytes, the ledger rows and the failed mark of a rejected file: all or none. */
    private final TransactionTemplate ledger;

    public Quarantine(
            Rejections rejections,
            PayloadRepository payloads,
            Clock clock,
            IngestMetrics metrics,
            BlockedQuarantine blocked,
            PlatformTransactionManager transactions) {
        this.rejections = rejections;
        this.payloads = payloads;
        this.clock = clock;
        this.metrics = metrics;
        this.blocked = blocked;
        this.ledger = new TransactionTemplate(transactions);
        this.ledger.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A whole file failed: unreadable, unknown format, too large, or no mapping. */
    public void rejectFile(Throwable cause, String source, String filePath, CapturedPayload payload) {
        rejectFile(cause, source, filePath, payload, null);
    }

    /**
     * A whole payload failed. {@code origin} names a non-file transport's copy (e.g.
     * {@code http-poll:<url>}, {@code ftp://host/dir/file}); such copy has no local file, so the
     * rejection is recorded under that name and no .reason.txt is written.
     */
    public void rejectFile(Throwable cause, String source, String filePath, CapturedPayload payload, String origin) {
        rejectFile(cause, source, filePath, payload, origin, null, null);
    }

    /**
     * As above, with the payload's bytes: its transaction rolled back with the failure, capture and
     * all (PayloadTransaction), so they are kept again here, in a transaction of their own, and the
     * rejection points at them, under the name they came with. Bytes refused before they were read
     * (too large) are not kept.
     */
    public void rejectFile(
            Throwable cause,
            String source,
            String filePath,
            CapturedPayload payload,
            String origin,
            String fileName,
            byte[] content) {
        String reason = reasonOf(cause);
        Path file = localFile(filePath, origin);
        String shown = file == null ? shownOrigin(origin, source) : shownPath(file, source);
        if (StoreFailures.isTransient(cause)) {
            // routes/errors.yaml waits these out before they get here; good copy is never quarantined for them
            throw new IllegalStateException(
                    shown + ": not quarantined, the database is away (" + reason + "); the copy stays where it is",
                    cause);
        }
        if (file != null && blocked.isHeld(file)) {
            moveToErrorFolder(file, source, reason); // recorded when it was first rejected; only the move is owed
            return;
        }
        // The ledger first, in one transaction: if it cannot be written (the database went away
        // meanwhile) nothing of it is left and the file stays in the inbox to be tried again, rather
        // than sitting in .error/ unexplained or kept without its reason.
        try {
            ledger.executeWithoutResult(status -> {
                Long keptId = keep(source, fileName, payload, content);
                for (ItemRejection item : itemsOf(cause)) {
                    rejections.record(source, shown, keptId, item.itemRef(), item.reason(), clock.instant());
                }
                rejections.record(source, shown, keptId, null, reason, clock.instant());
                if (keptId != null) {
                    payloads.markFailed(keptId, reason);
                }
            });
        } catch (RuntimeException e) {
            if (!StoreFailures.isTransient(e)) {
                throw e;
            }
            log.warn(
                    "{}: rejected file from source '{}' ({}), but the rejection cannot be recorded, the database is"
                            + " unavailable ({}); the file stays where it is and is tried again",
                    shown,
                    source,
                    reason,
                    reasonOf(e));
            return;
        }
        log.warn("{}: rejected file from source '{}': {}", shown, source, reason);
        metrics.received(source, false);
        metrics.rejected(source, "file");
        if (file != null) {
            moveToErrorFolder(file, source, reason);
        }
    }

    /** The id of the payload's kept bytes, kept again if their capture was rolled back; null if never read. */
    private Long keep(String source, String fileName, CapturedPayload payload, byte[] content) {
        if (content == null) {
            return payload == null ? null : payload.id();
        }
        return payloads.keep(
                source,
                fileName == null ? "?" : fileName,
                content,
                payload == null ? clock.instant() : payload.receivedAt());
    }

    /** The item rejections a payload's rolled-back transaction had recorded, if that is why it failed. */
    private static List<ItemRejection> itemsOf(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ItemsRejected rejected) {
                return rejected.items();
            }
        }
        return List.of();
    }

    /** One item of an otherwise readable file cannot be published; the rest of the file goes on. */
    public void rejectItem(Throwable cause, String source, String filePath, CapturedPayload payload, WireItem item) {
        rejectItem(cause, source, filePath, payload, item, null);
    }

    /** As {@link #rejectItem(Throwable, String, String, CapturedPayload, WireItem)}, for copy named by a transport. */
    public void rejectItem(
            Throwable cause, String source, String filePath, CapturedPayload payload, WireItem item, String origin) {
        String reason = reasonOf(cause);
        Path file = localFile(filePath, origin);
        String shown = file == null ? shownOrigin(origin, source) : shownPath(file, source);
        log.warn("{}: rejected item {} from source '{}': {}", shown, item == null ? "?" : item.label(), source, reason);
        rejections.record(
                source,
                shown,
                payload == null ? null : payload.id(),
                item == null ? null : item.label(),
                reason,
                clock.instant());
        metrics.rejected(source, "item");
    }

    /** The inbox file, or null when the copy came by another transport (an FTP path is not a local one). */
    private static Path localFile(String filePath, String origin) {
        return origin != null || filePath == null || filePath.isBlank() ? null : Path.of(filePath);
    }

    private static String shownOrigin(String origin, String source) {
        return origin == null || origin.isBlank() ? "(no file) " + source : origin;
    }

    /**
     * The reason file, then the original beside it, byte-identical, in the source's .error/ folder.
     * An earlier rejection of the same name is kept: the newcomer gets a numbered name. If either step
     * fails this throws and the original stays in the inbox.
     */
    private void moveToErrorFolder(Path file, String source, String reason) {
        Path errorDir = file.resolveSibling(".error");
        try {
            Files.createDirectories(errorDir);
            Path target = errorDir.resolve(file.getFileName());
            for (int n = 2; Files.exists(target) || Files.exists(reasonFileOf(target)); n++) {
                target = errorDir.resolve(file.getFileName() + "~" + n);
            }
            Files.writeString(
                    reasonFileOf(target),
                    "file: " + file.getFileName() + "\nsource: " + source + "\nrejected at: " + clock.instant()
                            + "\nreason: " + reason + "\n",
                    StandardCharsets.UTF_8);
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            String problem = "cannot move it to " + errorDir + ": " + e;
            blocked.moveFailed(file, source, reason, problem);
            throw new UncheckedIOException(file + ": " + problem + "; it stays in the inbox", e);
        }
        blocked.moved(file);
    }

    private static Path reasonFileOf(Path quarantined) {
        return quarantined.resolveSibling(quarantined.getFileName() + ".reason.txt");
    }

    /** inbox/<source>/<file>: the path an operator recognises, not the absolute one. */
    private static String shownPath(Path file, String source) {
        Path parent = file.getParent();
        Path inbox = parent == null ? null : parent.getParent();
        String inboxName = inbox == null || inbox.getFileName() == null
                ? "inbox"
                : inbox.getFileName().toString();
        return inboxName + "/" + source + "/" + file.getFileName();
    }

    public static String reasonOf(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        // Camel wraps what a bean threw ("Failed to invoke method ... due to ..."); the bean's own message is the
        // reason.
        Throwable reason = cause;
        while (reason.getCause() != null && reason.getClass().getName().startsWith("org.apache.camel.")) {
            reason = reason.getCause();
        }
        String message = reason.getMessage();
        if (message == null || message.isBlank()) {
            return reason.getClass().getSimpleName();
        }
        return message.replaceAll("\\s+", " ").trim();
    }
}
