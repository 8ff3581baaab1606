package io.peersocket.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link PeerSocketConfigurationException} with the property and action it
 * carries.
 */
class PeerSocketConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<PeerSocketConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PeerSocketConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }

}
