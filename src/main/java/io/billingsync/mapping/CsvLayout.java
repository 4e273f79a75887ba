package io.billingsync.mapping;

import java.nio.charset.Charset;

/**
 * How a CSV export is written: the delimiter and quote characters, its charset (a UTF-8 byte-order mark is skipped),
 * and whether spaces around a value are dropped. The first row is the header.
 */
record CsvLayout(char delimiter, char quote, Charset charset, boolean trim) {
}
