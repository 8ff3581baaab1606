package io.peersocket.sample.chat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: never a downloaded
 * browser or driver (both paths are given, so Selenium Manager never runs). Override the
 * paths with the system properties {@code peersocket.chromium} and
 * {@code peersocket.chromedriver}.
 */
final class Chromium implements AutoCloseable {

    static final String PACKAGES = "chromium chromium-driver";

    private static final String BROWSER = System.getProperty("peersocket.chromium", "/usr/bin/chromium");

    private static final String DRIVER = System.getProperty("peersocket.chromedriver", "/usr/bin/chromedriver");

    // The tests use WebDriver only, never the DevTools protocol, so Selenium's warning
    // that it has
    // no CDP bindings for this Chromium version is noise. Held here so that the settings
    // stay.
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    static {
        QUIET.forEach((logger) -> logger.setLevel(Level.SEVERE));
    }

    private final ChromeDriver driver;

    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Fails when the browser or its driver is missing and
     * {@code peersocket.peers.required} is {@code true} (CI), naming the Debian packages;
     * otherwise says, once, that the tests will be skipped.
     * @return whether both are installed
     */
    static boolean checkInstalled() {
        if (new File(BROWSER).canExecute() && new File(DRIVER).canExecute()) {
            return true;
        }
        if (Boolean.getBoolean("peersocket.peers.required")) {
            Assertions.fail(missing() + "; peersocket.peers.required=true makes that a failure, not a skip");
        }
        System.err.println("SKIPPED: " + missing() + "; -Dpeersocket.peers.required=true makes that a failure");
        return false;
    }

    /** Skips the calling test with the message that names the Debian packages. */
    static void skipUnless(boolean installed) {
        Assumptions.assumeTrue(installed,
                () -> "SKIPPED: " + missing() + "; -Dpeersocket.peers.required=true makes that a failure");
    }

    private static String missing() {
        return "the chat browser tests need Chromium (" + BROWSER + ") and its driver (" + DRIVER
                + ") from Debian's packages: apt-get install " + PACKAGES;
    }

    /**
     * Starts a browser with a fresh profile and the flags that work on a closed network.
     */
    static Chromium start(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("peersocket-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(30))
            .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
        driver.manage().window().setSize(new Dimension(width, height));
        return new Chromium(driver, profile);
    }

    ChromeDriver driver() {
        return this.driver;
    }

    @Override
    public void close() {
        try {
            this.driver.quit();
        }
        finally {
            FileSystemUtils.deleteRecursively(this.profile.toFile());
        }
    }

}
