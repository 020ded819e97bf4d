package cn.jiaoliu.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Headless Chromium for the browser tests: the system's /usr/bin/chromium when present (see platform.md). */
public final class Chromium {

  private Chromium() {}

  public static Browser launch(Playwright playwright) {
    BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(List.of(
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"));
    Path systemChromium = Paths.get("/usr/bin/chromium");
    if (Files.isExecutable(systemChromium)) {
      options.setExecutablePath(systemChromium);
    }
    return playwright.chromium().launch(options);
  }
}
