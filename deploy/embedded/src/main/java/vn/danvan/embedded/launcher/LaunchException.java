package vn.danvan.embedded.launcher;

/** A reason to stop the launch that a person can act on; printed without a stack trace. */
public class LaunchException extends RuntimeException {
    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
