package io.peersocket.diagnostics;

/**
 * A peersocket setting that cannot work, found at startup: a missing or wrong property,
 * or a combination that nothing can serve. Carries the property to change and what to do,
 * for {@link PeerSocketConfigurationFailureAnalyzer}.
 */
public class PeerSocketConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String action;

    /**
     * @param property the property to change, e.g. {@code peersocket.server.ssl.bundle}
     * @param message what is wrong, naming the property
     * @param action what the application should do
     */
    public PeerSocketConfigurationException(String property, String message, String action) {
        super(message);
        this.property = property;
        this.action = action;
    }

    /**
     * @param property the property to change
     * @param message what is wrong, naming the property
     * @param action what the application should do
     * @param cause the failure underneath
     */
    public PeerSocketConfigurationException(String property, String message, String action, Throwable cause) {
        super(message, cause);
        this.property = property;
        this.action = action;
    }

    /**
     * @return the property to change
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * @return what the application should do
     */
    public String getAction() {
        return this.action;
    }

}
