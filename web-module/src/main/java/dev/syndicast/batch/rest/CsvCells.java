package dev.syndicast.batch.rest;

/**
 * Writing untrusted text into a CSV a person will open in a spreadsheet: quoted per RFC 4180, and a cell that
 * starts like a formula ({@code = + - @}, tab, carriage return) is prefixed with an apostrophe so the
 * spreadsheet shows it instead of running it (CSV injection).
 */
final class CsvCells {

    private CsvCells() {
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
