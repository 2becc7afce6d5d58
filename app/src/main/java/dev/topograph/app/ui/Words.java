package dev.topograph.app.ui;

/** Counts said as a person says them, for the designer and the command line alike. */
public final class Words {
    private Words() {
    }

    /** "0 errors", "1 error", "2 errors". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
