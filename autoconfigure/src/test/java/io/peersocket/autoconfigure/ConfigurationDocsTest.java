package io.peersocket.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/configuration.md} true to the configuration metadata that the build
 * generates ({@code META-INF/spring-configuration-metadata.json}): every
 * {@code peersocket.*} property has a row, with the metadata's default in backticks; no
 * row names a property that does not exist. A property added to
 * {@code PeerSocketProperties} (or any other {@code @ConfigurationProperties} of this
 * module) fails this test until it is documented.
 */
class ConfigurationDocsTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    // | `peersocket.x.y` | type | default | meaning |
    private static final Pattern ROW = Pattern
        .compile("^\\|\\s*`(peersocket\\.[a-z0-9.\\-\\[\\]]+)`\\s*\\|([^|]*)\\|([^|]*)\\|(.*)\\|\\s*$");

    @Test
    void everyPropertyIsDocumentedWithItsDefault() throws IOException {
        Map<String, JsonNode> properties = metadata();
        Map<String, String[]> rows = rows();
        List<String> problems = new ArrayList<>();
        properties.forEach((name, property) -> {
            String[] row = rows.get(name);
            JsonNode defaultValue = property.get("defaultValue");
            if (row == null) {
                problems.add(name + " is not documented: add a row | `" + name + "` | type | "
                        + ((defaultValue != null) ? "`" + render(defaultValue) + "`" : "default") + " | meaning |");
            }
            else if (defaultValue != null && !row[1].contains("`" + render(defaultValue) + "`")) {
                problems.add(name + " has the default `" + render(defaultValue) + "` but the page says '"
                        + row[1].strip() + "'");
            }
            else if (row[2].isBlank()) {
                problems.add(name + " has no meaning on the page");
            }
        });
        rows.keySet()
            .stream()
            .filter((name) -> !properties.containsKey(name))
            .forEach((name) -> problems.add(name + " is documented but is no property (renamed or removed?)"));
        assertThat(problems).as("docs/configuration.md against the configuration metadata").isEmpty();
    }

    @Test
    void theMetadataHasTheServerProperties() throws IOException {
        assertThat(metadata()).containsKeys("peersocket.server.port", "peersocket.server.buffers.in-kib");
    }

    // Every peersocket property of every metadata file on the class path (this module's
    // own
    // target/classes, and those of any peersocket module it depends on).
    private static Map<String, JsonNode> metadata() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, JsonNode> properties = new TreeMap<>();
        for (URL url : Collections.list(ConfigurationDocsTest.class.getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("peersocket.")) {
                        properties.put(name, property);
                    }
                }
            }
        }
        assertThat(properties)
            .as("peersocket properties in the configuration metadata (run the build through "
                    + "Maven so that spring-boot-configuration-processor writes it)")
            .isNotEmpty();
        return properties;
    }

    // name -> [type, default, meaning]
    private static Map<String, String[]> rows() throws IOException {
        assertThat(DOC).as("docs/configuration.md").exists();
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                String[] previous = rows.put(row.group(1), new String[] { row.group(2), row.group(3), row.group(4) });
                assertThat(previous).as(row.group(1) + " has two rows in docs/configuration.md").isNull();
            }
        }
        return rows;
    }

    private static String render(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach((item) -> items.add(item.asString()));
            return String.join(",", items);
        }
        return value.asString();
    }

}
