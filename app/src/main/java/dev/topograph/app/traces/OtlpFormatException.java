package dev.topograph.app.traces;

/** An export body that is not an OTLP trace request; the message says what is wrong with it. */
public final class OtlpFormatException extends Exception {
    public OtlpFormatException(String message) {
        super(message);
    }

    public OtlpFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
