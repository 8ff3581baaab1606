package io.peersocket.sample.chat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: never a downloaded browser or
 * driver (both paths are given, so Selenium Manager never runs). Override the paths with the
 * system properties {@code peersocket.chromium} and {@code peersocket.chromedriver}.
 */
final class Chromium implements AutoCloseable {

    static final String PACKAGES = "chromium chromium-driver";

    private static final String BROWSER = System.getProperty("peersocket.chromium", "/usr/bin/chromium");

    private static final String DRIVER = System.getProperty("peersocket.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Skips the calling tests with a message naming the Debian packages when the browser or its
     * driver is missing, or fails when {@code peersocket.peers.required} is {@code true} (CI).
     */
    static void requireInstalled() {
        boolean present = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        if (present) {
            return;
        }
        String message = "Chat browser tests need Chromium (" + BROWSER + ") and its driver (" + DRIVER
                + "), from Debian's packages: apt-get install " + PACKAGES;
        if (Boolean.getBoolean("peersocket.peers.required")) {
            Assertions.fail(message + " (peersocket.peers.required=true, so this is a failure, not a skip)");
        }
        Assumptions.abort("SKIPPED: " + message + ". Install them to run these tests; "
                + "-Dpeersocket.peers.required=true makes their absence a failure.");
    }

    /** Starts a browser with a fresh profile and the flags that work on a closed network. */
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
