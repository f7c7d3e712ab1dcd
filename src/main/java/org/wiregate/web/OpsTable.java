package org.wiregate.web;

import java.util.List;

/**
 * A table another feature adds to the ops page (partners, webhook endpoints): the ops package
 * renders every such bean without knowing the feature, so features depend on ops and not the
 * other way round.
 */
public interface OpsTable {

    /** One row; {@code warning} marks it for the operator's eye (a disabled endpoint, a suspended partner). */
    record Row(List<String> cells, boolean warning) {}

    /** Where the table goes among the others (lower first). */
    default int order() {
        return 100;
    }

    String id();

    String title();

    List<String> headers();

    List<Row> rows();
}
