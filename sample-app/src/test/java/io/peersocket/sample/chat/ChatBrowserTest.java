package io.peersocket.sample.chat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import io.peersocket.internal.server.ServerLifecycle;
import io.peersocket.sample.SampleApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample chat in a real browser: Debian's headless Chromium loads the page from the
 * web port and talks to {@code /chat} on the WebSocket port with the browser's own
 * WebSocket API. Two browsers (two users) chat; joins, leaves and refusals show on the
 * page; a restart of the WebSocket server is shown and the page reconnects by itself.
 * Every wait is bounded.
 * <p>
 * Skipped with a message when {@code chromium} or {@code chromium-driver} is missing,
 * unless {@code peersocket.peers.required=true} (CI), which makes that a failure.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ChatBrowserTest {

    /**
     * Bounds each wait on the browsers: two Chromiums on a loaded machine can be slow,
     * never stuck.
     */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int WEB_PORT = freePort();

    private static final int SOCKET_PORT = freePort();

    private static boolean installed;

    private static Chromium ada;

    private static Chromium grace;

    @Autowired
    ServerLifecycle lifecycle;

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> WEB_PORT);
        registry.add("peersocket.server.port", () -> SOCKET_PORT);
        // The test's own web port stands for the 8080 of application.yml.
        registry.add("peersocket.server.allowed-origins", () -> "http://localhost:" + WEB_PORT);
        registry.add("peersocket.server.shutdown-timeout", () -> "3s");
    }

    @BeforeAll
    static void startBrowsers() throws IOException {
        installed = Chromium.checkInstalled();
        if (!installed) {
            return;
        }
        ada = Chromium.start(640, 560);
        grace = Chromium.start(640, 560);
    }

    @AfterAll
    static void stopBrowsers() {
        for (Chromium browser : new Chromium[] { ada, grace }) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @BeforeEach
    void leaveEveryPage() {
        Chromium.skipUnless(installed);
        // A page left behind by the previous test would still be a member: start from a
        // blank slate.
        ada.driver().get("about:blank");
        grace.driver().get("about:blank");
    }

    @Test
    void twoPagesChatWithEachOther() throws IOException {
        WebDriver ada = open(ChatBrowserTest.ada, "Ada");
        WebDriver grace = open(ChatBrowserTest.grace, "Grace");
        waitForLine(ada, "Grace joined.");

        say(ada, "Hello from Ada! Are you on port 9080 too?");
        waitForLine(grace, "Ada: Hello from Ada! Are you on port 9080 too?");
        say(grace, "Yes: peersocket relays every message to everyone, with the sender's name.");
        waitForLine(ada, "Grace: Yes: peersocket relays every message to everyone, with the sender's name.");
        say(ada, "Even my own comes back to me.");
        waitForLine(ada, "Ada: Even my own comes back to me.");
        waitForLine(grace, "Ada: Even my own comes back to me.");

        assertThat(lines(grace)).containsSubsequence("Ada: Hello from Ada! Are you on port 9080 too?",
                "Grace: Yes: peersocket relays every message to everyone, with the sender's name.",
                "Ada: Even my own comes back to me.");
        assertThat(users(ada)).containsExactly("Ada", "Grace");
        assertThat(users(grace)).containsExactly("Ada", "Grace");
        Path screenshot = sideBySide(Path.of("target", "chat-screenshots", "chat.png"), ada, grace);
        assertThat(screenshot).isNotEmptyFile();
    }

    @Test
    void aPageSeesAJoinAndALeave() {
        WebDriver ada = open(ChatBrowserTest.ada, "Ada");
        WebDriver grace = ChatBrowserTest.grace.driver();
        String firstTab = grace.getWindowHandle();
        grace.switchTo().newWindow(WindowType.TAB);
        open(grace, "Grace");
        waitForLine(ada, "Grace joined.");
        wait(ada, "the member list to show Grace", (d) -> users(d).contains("Grace"));

        grace.close(); // Grace closes her tab
        grace.switchTo().window(firstTab);
        waitForLine(ada, "Grace left.");
        wait(ada, "the member list to drop Grace", (d) -> users(d).equals(List.of("Ada")));
    }

    @Test
    void refusedInputIsShownToTheUser() {
        WebDriver ada = load(ChatBrowserTest.ada);
        WebDriver grace = open(ChatBrowserTest.grace, "Grace");

        ada.findElement(By.id("join")).click(); // no name
        waitForError(ada, "Choose a name: it may not be empty");
        ada.findElement(By.id("name")).sendKeys("Ada");
        ada.findElement(By.id("join")).click();
        waitForLine(ada, "You joined as Ada.");
        wait(ada, "the error banner to go", (d) -> !d.findElement(By.id("error")).isDisplayed());
        // The join succeeded: the refused join's error is gone from the banner and from
        // the log.
        assertThat(ada.findElement(By.id("error")).getDomProperty("textContent")).isEmpty();
        assertThat(lines(ada)).doesNotContain("Choose a name: it may not be empty").contains("You joined as Ada.");

        String tooLong = "x".repeat(ChatHandler.MAX_TEXT + 1);
        setInput(ada, "text", tooLong);
        assertThat(ada.findElement(By.id("counter")).getText())
            .isEqualTo((ChatHandler.MAX_TEXT + 1) + "/" + ChatHandler.MAX_TEXT);
        ada.findElement(By.id("send")).click();
        waitForError(ada, "Your message has " + (ChatHandler.MAX_TEXT + 1) + " characters; the limit is "
                + ChatHandler.MAX_TEXT + ". It was not sent.");
        // The user keeps the text to shorten it, and nobody else saw it.
        assertThat(ada.findElement(By.id("text")).getDomProperty("value")).isEqualTo(tooLong);
        say(grace, "Did anything come through?");
        waitForLine(ada, "Grace: Did anything come through?");
        assertThat(lines(grace)).noneMatch((line) -> line.contains(tooLong));
    }

    @Test
    void aServerRestartIsShownToTheUserAndThePageReconnects() {
        WebDriver ada = open(ChatBrowserTest.ada, "Ada");
        WebDriver grace = open(ChatBrowserTest.grace, "Grace");
        waitForLine(ada, "Grace joined.");

        this.lifecycle.stop(); // closes every peer with 1001 and unbinds the WebSocket
                               // port
        try {
            for (WebDriver page : List.of(ada, grace)) {
                waitForLine(page,
                        "Disconnected from the server: closed with 1001 (Server shutting down). Reconnecting…");
                wait(page, "the status to show the retries while the port is closed", (d) -> {
                    WebElement status = d.findElement(By.id("status"));
                    return status.getText().startsWith("Disconnected") || status.getText().startsWith("Reconnecting");
                });
                assertThat(page.findElement(By.id("send")).isEnabled()).isFalse();
            }
            // While the port is closed the page keeps trying, with a growing delay.
            wait(ada, "a second attempt", (d) -> d.findElement(By.id("status")).getText().contains("attempt 2")
                    || d.findElement(By.id("status")).getText().contains("Retrying in 1."));
        }
        finally {
            this.lifecycle.start();
        }
        for (WebDriver page : List.of(ada, grace)) {
            wait(page, "the page to reconnect",
                    (d) -> "open".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        }
        waitForLine(ada, "Reconnected; joining again as Ada.");
        wait(ada, "Ada to be a member again",
                (d) -> lines(d).stream().filter("You joined as Ada."::equals).count() == 2);
        wait(grace, "Grace to be a member again",
                (d) -> lines(d).stream().filter("You joined as Grace."::equals).count() == 2);
        say(grace, "Back after the restart.");
        waitForLine(ada, "Grace: Back after the restart.");
        assertThat(ada.findElement(By.id("status")).getText()).isEqualTo("Connected");
    }

    @Test
    void theChatPageIsBehindALoginAndChatsOnceLoggedIn() {
        WebDriver ada = ChatBrowserTest.ada.driver();
        ada.get("http://localhost:" + WEB_PORT + "/");
        ada.manage().deleteAllCookies(); // no session: a user who has not logged in
        ada.get(pageUrl());
        wait(ada, "the login form", (d) -> !d.findElements(By.id("username")).isEmpty());
        assertThat(ada.findElements(By.id("messages"))).isEmpty();

        logIn(ada, "player", "wrong");
        wait(ada, "the login to be refused", (d) -> d.getCurrentUrl().endsWith("/login?error"));
        assertThat(ada.findElements(By.id("messages"))).isEmpty();

        logIn(ada, "player", "player-dev");
        // Back on the chat page, which fetched a token with its session and opened the
        // socket with it.
        wait(ada, "the page to connect", (d) -> !d.findElements(By.id("status")).isEmpty()
                && "open".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        ada.findElement(By.id("name")).sendKeys("Ada");
        ada.findElement(By.id("join")).click();
        waitForLine(ada, "You joined as Ada.");
        WebDriver grace = open(ChatBrowserTest.grace, "Grace");
        waitForLine(ada, "Grace joined.");
        say(ada, "Logged in and chatting.");
        waitForLine(grace, "Ada: Logged in and chatting.");
    }

    // --- page helpers ---

    private static WebDriver load(Chromium browser) {
        return load(browser.driver());
    }

    private static WebDriver load(WebDriver driver) {
        driver.get(pageUrl());
        // The page is behind the sample's form login: log in when the browser has no
        // session yet.
        if (!driver.findElements(By.id("username")).isEmpty()) {
            logIn(driver, "player", "player-dev");
        }
        wait(driver, "the page to connect",
                (d) -> "open".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        return driver;
    }

    private static String pageUrl() {
        return "http://localhost:" + WEB_PORT + "/?port=" + SOCKET_PORT;
    }

    // Spring Security's own login page: its form carries the CSRF token the login POST
    // needs.
    private static void logIn(WebDriver driver, String user, String password) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static WebDriver open(Chromium browser, String name) {
        return open(browser.driver(), name);
    }

    private static WebDriver open(WebDriver driver, String name) {
        load(driver);
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("join")).click();
        waitForLine(driver, "You joined as " + name + ".");
        return driver;
    }

    private static void say(WebDriver driver, String text) {
        wait(driver, "the send box to be enabled", (d) -> d.findElement(By.id("text")).isEnabled());
        driver.findElement(By.id("text")).sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    // Sets a long value at once (typing 500 keys is slow) and tells the page as typing
    // would.
    private static void setInput(WebDriver driver, String id, String value) {
        ((JavascriptExecutor) driver)
            .executeScript("const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                    + " input.dispatchEvent(new Event('input'));", id, value);
    }

    private static List<String> lines(WebDriver driver) {
        return driver.findElements(By.cssSelector("#messages li")).stream().map(WebElement::getText).toList();
    }

    private static List<String> users(WebDriver driver) {
        return driver.findElements(By.cssSelector("#users li")).stream().map(WebElement::getText).toList();
    }

    private static void waitForLine(WebDriver driver, String line) {
        wait(driver, "the line '" + line + "'", (d) -> lines(d).contains(line));
    }

    private static void waitForError(WebDriver driver, String error) {
        wait(driver, "the error '" + error + "'", (d) -> {
            WebElement banner = d.findElement(By.id("error"));
            return banner.isDisplayed() && banner.getText().equals(error);
        });
        assertThat(lines(driver)).contains(error);
    }

    private static void wait(WebDriver driver, String what, Predicate<WebDriver> condition) {
        // The page removes lines (a refused join's error, once the join succeeds): an
        // element read
        // as it goes is stale, and the next poll reads the list again.
        new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).ignoring(StaleElementReferenceException.class)
            .withMessage(() -> "waited " + WAIT.toSeconds() + " s for " + what + "; the page shows " + lines(driver))
            .until(condition::test);
    }

    // --- screenshot ---

    private static Path sideBySide(Path file, WebDriver left, WebDriver right) throws IOException {
        BufferedImage a = screenshot(left);
        BufferedImage b = screenshot(right);
        int gap = 8;
        BufferedImage both = new BufferedImage(a.getWidth() + gap + b.getWidth(),
                Math.max(a.getHeight(), b.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = both.createGraphics();
        graphics.setColor(new Color(0x55, 0x55, 0x55));
        graphics.fillRect(0, 0, both.getWidth(), both.getHeight());
        graphics.drawImage(a, 0, 0, null);
        graphics.drawImage(b, a.getWidth() + gap, 0, null);
        graphics.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(both, "png", file.toFile());
        return file;
    }

    private static BufferedImage screenshot(WebDriver driver) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
