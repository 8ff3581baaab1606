package io.peersocket.stacks;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stacks' application and its jar sizes are those of docs/getting-started.md: its
 * classes are the ones the page's checked project has
 * (sample-app/src/test/java/com/example/demo).
 */
class DemoIsTheGettingStartedApplicationTest {

    private static final Path DEMO = Path.of("../demo/src/main/java/com/example/demo");

    private static final Path PAGE = Path.of("../../sample-app/src/test/java/com/example/demo");

    @ParameterizedTest
    @ValueSource(strings = { "DemoApplication.java", "HelloHandler.java" })
    void sameClass(String file) throws Exception {
        assertThat(Files.readString(DEMO.resolve(file))).as(file + ": copy one into the other")
            .isEqualTo(Files.readString(PAGE.resolve(file)));
    }

}
