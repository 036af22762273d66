package io.farmwatch.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver (never a downloaded one), with
 * the console's chores: signing in, waiting for a page to render, screenshots in target/, and a
 * record of script the page ran that it should not have.
 */
public final class ConsoleBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/console-screenshots");

  public final ChromeDriver driver;
  private final String base;

  public ConsoleBrowser(String base) {
    this.base = base;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
        "--disable-gpu", "--no-first-run", "--disable-extensions");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  public WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Opens the console and signs in with the key; returns once the alerts queue has rendered. */
  public void signIn(String key) {
    driver.get(base + "/");
    WebElement input = waiting().until(d -> d.findElement(By.id("api-key")));
    input.sendKeys(key);
    driver.findElement(By.cssSelector("#signin button[type=submit]")).click();
    rendered("alerts");
    watchForScript();
  }

  /** Goes to a console route (the part after #) and waits until that page says it has rendered. */
  void open(String route, String page) {
    js("document.body.dataset.rendered = ''; location.hash = arguments[0];", route);
    rendered(page);
  }

  public void rendered(String page) {
    try {
      waiting().until(d -> page.equals(js("return document.body.dataset.rendered || ''")));
    } catch (TimeoutException e) {
      throw new AssertionError("the " + page + " page did not render; the page shows: "
          + js("return document.getElementById('main').innerText"), e);
    }
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * Records Content-Security-Policy violations from here on: a violation means the page tried to
   * run or load something it was not built to, such as markup from an agent that became an element.
   */
  void watchForScript() {
    js("if (!window.__fwWatch) { window.__fwWatch = true; window.__fwViolations = [];"
        + " document.addEventListener('securitypolicyviolation', e => window.__fwViolations.push("
        + "e.violatedDirective + ' ' + e.blockedURI)); }");
  }

  @SuppressWarnings("unchecked")
  List<String> violations() {
    return (List<String>) js("return window.__fwViolations || []");
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path shot = SCREENSHOTS.resolve(name + ".png");
    Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isPositive();
    return shot;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
