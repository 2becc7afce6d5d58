package dev.topograph.model.command;

/** An edit that cannot be applied to the current topology; the message says why. */
public final class EditRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EditRefusedException(String message) {
        super(message);
    }
}
