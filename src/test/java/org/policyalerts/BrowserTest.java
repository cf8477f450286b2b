package org.policyalerts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;

/** An integration test driving a real Chromium (skipped where it is not installed): one fresh browser per test. */
public abstract class BrowserTest extends IntegrationTest {

    protected Chromium chromium;
    protected WebDriver browser;

    /** Window width in CSS pixels; below 500, the page is laid out as on a phone of that width. */
    protected int width() {
        return 1100;
    }

    @BeforeEach
    void openBrowser() throws Exception {
        chromium = Chromium.open(Math.max(width(), 500));
        if (width() < 500) {
            chromium.emulatePhone(width());
        }
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
