package io.peersocket.sample.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import com.example.demo.DemoApplication;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/getting-started.md} (and the checked examples of
 * {@code docs/api-mapping.md}) true: each of its Java, XML and YAML blocks is marked
 * {@code <!-- checked: ... -->} and must equal a file of the small project under
 * {@code src/test/java/com/example/demo} (which the build compiles, and whose own test
 * runs), or name the starter exactly as its pom does. Then the project is started with
 * the page's {@code application.yml} and answered as the page says.
 */
class GettingStartedDocTest {

    private static final Path ROOT = Path.of("..");

    private static final Path DOC = ROOT.resolve("docs/getting-started.md");

    private static final Path API_MAPPING = ROOT.resolve("docs/api-mapping.md");

    private static final Set<String> CODE = Set.of("java", "xml", "yaml", "yml", "properties");

    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");

    private static final Pattern MARKER = Pattern.compile("^<!-- checked: (\\S+) -->$");

    record Block(String language, String marker, String content, int line) {
    }

    @Test
    void everyCodeBlockIsAFileOfTheCheckedProject() throws Exception {
        assertThat(problems(DOC, true)).isEmpty();
    }

    @Test
    void theApiMappingsJavaExamplesAreFilesTheBuildCompiles() throws Exception {
        // There only the blocks marked 'checked' are held to it.
        List<Block> checked = blocks(API_MAPPING).stream().filter((block) -> block.marker() != null).toList();
        assertThat(checked).hasSizeGreaterThanOrEqualTo(3);
        assertThat(problems(API_MAPPING, false)).isEmpty();
    }

    @Test
    void theTestingPagesExampleIsATestTheBuildRuns() throws Exception {
        Path testing = ROOT.resolve("docs/testing.md");
        assertThat(blocks(testing)).filteredOn((block) -> block.marker() != null).isNotEmpty();
        assertThat(problems(testing, false)).isEmpty();
    }

    private static List<String> problems(Path doc, boolean everyCodeBlock) throws Exception {
        List<Block> blocks = blocks(doc);
        assertThat(blocks).as("code blocks of " + doc).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Block block : blocks) {
            String where = ROOT.relativize(doc) + ":" + block.line();
            if (block.marker() == null) {
                if (everyCodeBlock && CODE.contains(block.language())) {
                    problems.add(where + ": a " + block.language() + " block without <!-- checked: file -->");
                }
            }
            else if (block.marker().equals("starter-dependency")) {
                checkDependency(where, block.content(), problems);
            }
            else {
                Path file = ROOT.resolve(block.marker());
                if (!Files.isRegularFile(file)) {
                    problems.add(where + ": checked against " + block.marker() + ", which does not exist");
                }
                else if (!Files.readString(file).strip().equals(block.content().strip())) {
                    problems.add(where + ": differs from " + block.marker() + "; copy one into the other");
                }
                if (block.marker().endsWith("pom.xml")) {
                    checkPom(where, Files.readString(file), problems);
                }
            }
        }
        return problems;
    }

    @Test
    void theProjectRunsWithThePagesConfigurationAndAnswersAsThePageSays() throws Exception {
        Path yaml = ROOT.resolve("sample-app/src/test/resources/gettingstarted/application.yml");
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("page", new FileSystemResource(yaml));
        assertThat(sources.get(0).getProperty("peersocket.server.port")).isEqualTo(9080);
        // The page's application.yml alone (not the sample's), on free ports instead of
        // 8080 and 9080.
        try (ConfigurableApplicationContext context = SpringApplication.run(DemoApplication.class,
                "--spring.config.location=classpath:gettingstarted/application.yml", "--server.port=0",
                "--peersocket.server.port=0")) {
            int port = context.getEnvironment().getRequiredProperty("local.peersocket.port", Integer.class);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/hello"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
            socket.sendText("Godot", true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("Hello, Godot!");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    // The reader's whole pom: Boot's parent at the version peersocket builds with, Java
    // 17, the starter.
    private static void checkPom(String where, String xml, List<String> problems) throws Exception {
        Element pom = parse(xml).getDocumentElement();
        Element ours = parse(Files.readString(ROOT.resolve("pom.xml"))).getDocumentElement();
        String parent = text(child(pom, "parent"), "artifactId") + ":" + text(child(pom, "parent"), "version");
        String expected = text(child(ours, "parent"), "artifactId") + ":" + text(child(ours, "parent"), "version");
        if (!parent.equals(expected)) {
            problems.add(where + ": the parent is " + parent + " but peersocket builds with " + expected);
        }
        if (!"17".equals(text(child(pom, "properties"), "java.version"))) {
            problems.add(where + ": java.version is not 17");
        }
        boolean hasStarter = false;
        Element dependencies = child(pom, "dependencies");
        for (Node node = dependencies.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element dependency && text(dependency, "artifactId").endsWith("-starter")
                    && text(dependency, "groupId").equals("io.peersocket")) {
                hasStarter = true;
                StringWriter one = new StringWriter();
                javax.xml.transform.TransformerFactory.newInstance()
                    .newTransformer()
                    .transform(new javax.xml.transform.dom.DOMSource(dependency),
                            new javax.xml.transform.stream.StreamResult(one));
                checkDependency(where, one.toString(), problems);
            }
        }
        if (!hasStarter) {
            problems.add(where + ": no io.peersocket starter dependency");
        }
    }

    private static void checkDependency(String where, String xml, List<String> problems) throws Exception {
        Element dependency = parse(xml).getDocumentElement();
        Element starter = parse(Files.readString(ROOT.resolve("starter/pom.xml"))).getDocumentElement();
        String version = text(parse(Files.readString(ROOT.resolve("pom.xml"))).getDocumentElement(), "version");
        String expected = text(child(starter, "parent"), "groupId") + ":" + text(starter, "artifactId") + ":" + version;
        String actual = text(dependency, "groupId") + ":" + text(dependency, "artifactId") + ":"
                + text(dependency, "version");
        if (!expected.equals(actual)) {
            problems.add(where + ": the dependency is " + actual + " but the starter is " + expected);
        }
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    private static List<Block> blocks(Path doc) throws IOException {
        List<String> lines = Files.readAllLines(doc);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            Matcher marker = (i > 0) ? MARKER.matcher(lines.get(i - 1).strip()) : null;
            int start = i;
            StringBuilder content = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                content.append(lines.get(i)).append('\n');
            }
            blocks.add(new Block(fence.group(1), (marker != null && marker.matches()) ? marker.group(1) : null,
                    content.toString(), start + 1));
        }
        return blocks;
    }

}
