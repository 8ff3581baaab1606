package io.peersocket.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.peersocket.diagnostics.PeerSocketConfigurationException;
import io.peersocket.internal.core.PeerEndpoint;

/**
 * Checks at startup that properties keyed by endpoint path name endpoints that exist: a
 * misspelt path would otherwise leave the endpoint it meant without the protection asked
 * for.
 */
final class EndpointPaths {

    private EndpointPaths() {
    }

    /**
     * @param property the property that names the paths
     * @param paths the paths it names
     * @param endpoints the endpoints they must name
     * @throws PeerSocketConfigurationException naming the property and the paths that
     * match no endpoint
     */
    static void check(String property, Collection<String> paths, List<PeerEndpoint> endpoints) {
        Set<String> known = new TreeSet<>();
        for (PeerEndpoint endpoint : endpoints) {
            known.add(endpoint.path());
        }
        List<String> unknown = paths.stream().filter((path) -> !known.contains(path)).toList();
        if (!unknown.isEmpty()) {
            throw new PeerSocketConfigurationException(property,
                    property + " names " + unknown + ", which "
                            + ((unknown.size() == 1) ? "is not an endpoint" : "are not endpoints")
                            + "; the endpoints are " + known,
                    "Use the paths of the endpoints (" + known + "). A map key keeps its '/' only in " + "brackets: "
                            + property + "[/mp] in properties, \"[/mp]\" in YAML.");
        }
    }

}
