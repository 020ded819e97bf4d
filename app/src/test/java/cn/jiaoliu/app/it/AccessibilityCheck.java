package cn.jiaoliu.app.it;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.LoadState;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * axe-core's rules (WCAG 2.0 and 2.1, levels A and AA, and axe's best practices) over the pages a
 * browser test loads. Every context the check {@link #watch watches} has each page analysed when it
 * has loaded, once per distinct page: its path with numeric and UUID segments taken as one, its
 * query's parameter names and its title with the digits taken as one. A test may also have the state
 * a page is in analysed ({@link #analyse(Page, String)}, e.g. after htmx filled it in), once per
 * named state. Violations of impact serious or critical on the app's own pages are the check's
 * {@link #failures() failures}; pages of another origin (Keycloak's login pages, in its stock theme)
 * are analysed and reported but never fail.
 *
 * <p>Playwright calls event handlers on the thread that is waiting in a Playwright call; the
 * analysis in a load handler is such a nested call, made in the test's next Playwright call after the
 * load. When that call takes the page on (a click on a link, a form sent), the page cannot be
 * analysed: it counts as gone, and unless the same page is analysed at another load, it is opened
 * once more before its context closes. The report lists the gone pages.
 */
final class AccessibilityCheck {

  static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");
  static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final String appOrigin;
  private final Set<String> seen = new HashSet<>();
  private final List<Analysis> analyses = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> gone = new ArrayList<>();
  /** The app's pages each context lost, to be opened again before it closes. */
  private final Map<BrowserContext, List<String>> lost = new IdentityHashMap<>();
  private final List<String> revisited = new ArrayList<>();
  private int reported;
  private int errorsReported;

  /** @param appBaseUrl the app's own pages start with this; only they can fail the check */
  AccessibilityCheck(String appBaseUrl) {
    this.appOrigin = appBaseUrl.endsWith("/") ? appBaseUrl.substring(0, appBaseUrl.length() - 1) : appBaseUrl;
  }

  /** One violated rule on one page: where, which rule, how bad, the failing elements. */
  record Finding(String url, String rule, String impact, String help, String helpUrl, List<String> targets) {

    @Override
    public String toString() {
      return "[" + impact + "] " + rule + " on " + url + ": " + help + " (" + helpUrl + ")\n      "
          + String.join("\n      ", targets);
    }
  }

  /** What axe found on one distinct page. */
  record Analysis(String key, String url, boolean ours, int passed, int incomplete, List<Finding> violations) {

    List<Finding> failing() {
      return ours ? violations.stream().filter(f -> FAILING_IMPACTS.contains(f.impact())).toList() : List.of();
    }
  }

  /**
   * Every page opened in the context from now on is analysed each time it has loaded. Use the
   * context returned: it is the same, except that closing it first opens once more, in a page of
   * its own, each page of the app it lost (one that went on to the next before it could be analysed
   * and was not analysed at another load).
   */
  BrowserContext watch(BrowserContext context) {
    context.onPage(page -> page.onLoad(loaded -> loaded(context, loaded)));
    return (BrowserContext) Proxy.newProxyInstance(BrowserContext.class.getClassLoader(),
        new Class<?>[] {BrowserContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            settle(context);
            revisit(context);
          }
          try {
            return method.invoke(context, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * The page has loaded: Playwright calls this once the test's thread is in its next Playwright
   * call, which may be the one that takes the page on to the next.
   */
  private void loaded(BrowserContext context, Page page) {
    String url = page.url();
    try {
      analyse(page, "", url);
    } catch (RuntimeException e) {
      if (navigatedAway(e)) {
        gone.add(url);
        if (url.startsWith(appOrigin + "/")) {
          lost.computeIfAbsent(context, c -> new ArrayList<>()).add(url);
        }
      } else {
        errors.add(url + ": " + e + (e.getCause() == null ? "" : ", caused by " + e.getCause()));
      }
    }
  }

  /**
   * Lets the context's pages finish loading, so that a load the test did not wait for is handed
   * over now, while the page is still open (a page still loading after 10 s is closed as it is).
   */
  private static void settle(BrowserContext context) {
    for (Page page : context.pages()) {
      try {
        page.waitForLoadState(LoadState.LOAD, new Page.WaitForLoadStateOptions().setTimeout(10_000));
      } catch (PlaywrightException e) {
        // still loading, or closed meanwhile: nothing more to analyse there
      }
    }
  }

  private void revisit(BrowserContext context) {
    for (String url : new LinkedHashSet<>(lost.getOrDefault(context, List.of()))) {
      if (analysedAt(url)) {
        continue;
      }
      revisited.add(url);
      try {
        Page page = context.newPage();
        page.navigate(url, new Page.NavigateOptions().setTimeout(15_000));
        page.close();
      } catch (RuntimeException e) {
        errors.add(url + " (opened again): " + e);
      }
    }
    lost.remove(context);
  }

  /** Whether the page at this address (whatever its title) has been analysed as loaded. */
  private boolean analysedAt(String url) {
    String address = address(url);
    return analyses.stream().anyMatch(a -> a.key().startsWith(address + " \""));
  }

  /** Whether the page went on to another (or was closed) while it was analysed; axe wraps Playwright's error. */
  private static boolean navigatedAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof Gone || t instanceof PlaywrightException && (message.contains("Execution context was destroyed")
          || message.contains("Frame was detached") || message.contains("Target page, context or browser has been closed"))) {
        return true;
      }
    }
    return false;
  }

  /** The page that loaded is no longer the one shown: the test's next call took it on. */
  private static final class Gone extends RuntimeException {
    Gone(String url) {
      super(url, null, false, false);
    }
  }

  /**
   * Analyses the page as it is now, unless this page (in this state) was analysed before.
   *
   * @param state empty for the page as loaded, or a name for the state the test has brought it to
   * @return the analysis, or null when the page was analysed before or is no HTML page of the web
   */
  Analysis analyse(Page page, String state) {
    return analyse(page, state, null);
  }

  private Analysis analyse(Page page, String state, String loadedUrl) {
    @SuppressWarnings("unchecked")
    List<Object> facts = (List<Object>) page.evaluate("() => [location.href, document.title, document.contentType]");
    String href = String.valueOf(facts.get(0));
    if (loadedUrl != null && !withoutFragment(href).equals(withoutFragment(loadedUrl))) {
      throw new Gone(loadedUrl);
    }
    if (!"text/html".equals(facts.get(2)) || !href.startsWith("http")) {
      return null;
    }
    String key = key(href, String.valueOf(facts.get(1))) + (state.isEmpty() ? "" : " @" + state);
    if (!seen.add(key)) {
      return null;
    }
    AxeResults results;
    try {
      results = new AxeBuilder(page).withTags(TAGS).setLegacyMode(true).analyze();
    } catch (RuntimeException e) {
      seen.remove(key);
      throw e;
    }
    if (results.isErrored()) {
      seen.remove(key);
      throw new IllegalStateException("axe failed on " + href + ": " + results.getErrorMessage());
    }
    String url = results.getUrl() == null ? href : results.getUrl();
    List<Finding> violations = new ArrayList<>();
    for (Rule rule : results.getViolations()) {
      List<String> targets = rule.getNodes().stream().map(AccessibilityCheck::target).toList();
      violations.add(new Finding(url, rule.getId(), String.valueOf(rule.getImpact()), rule.getHelp(), rule.getHelpUrl(),
          targets));
    }
    Analysis analysis = new Analysis(key, url, href.startsWith(appOrigin + "/") || href.equals(appOrigin),
        results.getPasses().size(), results.getIncomplete().size(), violations);
    analyses.add(analysis);
    return analysis;
  }

  private static String withoutFragment(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  private static String target(CheckedNode node) {
    String html = node.getHtml() == null ? "" : node.getHtml().replaceAll("\\s+", " ");
    return String.valueOf(node.getTarget()) + "  " + (html.length() > 160 ? html.substring(0, 160) + "…" : html);
  }

  /**
   * The same page, whichever case, task or user it shows: path, query parameter names (not Spring
   * Security's {@code continue}, which marks the page reached after logging in), title.
   */
  static String key(String href, String title) {
    return address(href) + " \"" + NUMBER.matcher(title).replaceAll("#") + "\"";
  }

  private static String address(String href) {
    URI uri = URI.create(href);
    String path = Arrays.stream(String.valueOf(uri.getRawPath()).split("/", -1))
        .map(s -> UUID.matcher(s).matches() ? "{uuid}" : NUMBER.matcher(s).matches() ? "{n}" : s)
        .collect(Collectors.joining("/"));
    String query = uri.getRawQuery() == null ? "" : Arrays.stream(uri.getRawQuery().split("&"))
        .map(p -> p.split("=", 2)[0]).filter(p -> !p.equals("continue")).sorted().distinct()
        .collect(Collectors.joining("&"));
    return uri.getScheme() + "://" + uri.getRawAuthority() + path + (query.isEmpty() ? "" : "?" + query);
  }

  /** The app's pages' serious and critical violations found since the last call. */
  List<Finding> newFailures() {
    List<Finding> found = analyses.subList(reported, analyses.size()).stream().flatMap(a -> a.failing().stream())
        .toList();
    reported = analyses.size();
    return found;
  }

  /** All serious and critical violations on the app's pages so far. */
  List<Finding> failures() {
    return analyses.stream().flatMap(a -> a.failing().stream()).toList();
  }

  List<Analysis> analyses() {
    return List.copyOf(analyses);
  }

  /** Analyses that failed for another reason than the page going on to the next one. */
  List<String> errors() {
    return List.copyOf(errors);
  }

  /** The errors since the last call. */
  List<String> newErrors() {
    List<String> found = List.copyOf(errors.subList(errorsReported, errors.size()));
    errorsReported = errors.size();
    return found;
  }

  /** The pages that went on to the next one before they could be analysed. */
  List<String> gone() {
    return List.copyOf(gone);
  }

  /** The app's pages opened again before their context closed, having been lost at their load. */
  List<String> revisited() {
    return List.copyOf(revisited);
  }

  /** A person's account of what was checked, with every violation of every impact. */
  String report(String name) {
    long ours = analyses.stream().filter(Analysis::ours).count();
    StringBuilder out = new StringBuilder();
    out.append("axe-core ").append(String.join(", ", TAGS)).append(" over the pages ").append(name).append(" loaded\n");
    out.append("app pages analysed: ").append(ours).append("; other pages (not ours, never failing): ")
        .append(analyses.size() - ours).append("; serious or critical on app pages: ").append(failures().size())
        .append("; pages gone before analysed: ").append(gone.size()).append(" (opened again before their context closed: ")
        .append(revisited.size()).append(")").append("; errors: ").append(errors.size())
        .append("\n\n");
    for (Analysis a : analyses) {
      Map<String, Long> byImpact = a.violations().stream()
          .collect(Collectors.groupingBy(Finding::impact, TreeMap::new, Collectors.counting()));
      out.append(a.ours() ? "" : "[not ours] ").append(a.key()).append("\n  ").append(a.url()).append("\n  passed ")
          .append(a.passed()).append(" rules, to review by hand ").append(a.incomplete()).append(", violated ")
          .append(a.violations().size()).append(byImpact.isEmpty() ? "" : " " + byImpact).append("\n");
      for (Finding f : a.violations()) {
        out.append("    ").append(f).append("\n");
      }
    }
    for (String url : gone) {
      out.append("gone before analysed").append(revisited.contains(url) ? " (opened again)" : "")
          .append(analysedAt(url) ? "" : " (never analysed)").append(": ").append(url).append("\n");
    }
    for (String error : errors) {
      out.append("error: ").append(error).append("\n");
    }
    return out.toString();
  }

  void writeReport(String name) {
    Path dir = Path.of("target", "axe");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".txt"), report(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
