package org.wiregate.ingest;

import java.util.List;
import org.wiregate.store.Rejections.ItemRejection;

/**
 * Every item of a payload was rejected, so the payload as a whole failed and goes to .error/. It
 * carries the items' rejections because the payload's transaction, which had recorded them, rolls
 * back with it: the quarantine writes them to the ledger again.
 */
public class ItemsRejected extends WireFormatException {

    private final transient List<ItemRejection> items;

    public ItemsRejected(String message, List<ItemRejection> items) {
        super(message);
        this.items = List.copyOf(items);
    }

    public List<ItemRejection> items() {
        return items;
    }
}
