package cn.jiaoliu.app.pdf;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * Checks a PDF against PDF/A-2b with veraPDF (the reference validator of the PDF Association).
 * Loading the validation profile takes a moment: one instance per test class.
 */
public final class VeraPdf {

  private final PDFAValidator validator;

  private VeraPdf(PDFAValidator validator) {
    this.validator = validator;
  }

  /** A PDF/A-2b validator; reports every failed check, not only the first. */
  public static VeraPdf pdfA2b() {
    VeraGreenfieldFoundryProvider.initialise();
    return new VeraPdf(Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false));
  }

  /**
   * What keeps the PDF from being PDF/A-2b: one line per failed rule (clause, test number, its
   * description, how often and the first place); empty when it is compliant. The part and
   * conformance the PDF claims in its metadata must be 2B too.
   */
  public List<String> violations(byte[] pdf) throws Exception {
    try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf))) {
      List<String> violations = new ArrayList<>();
      if (parser.getFlavour() != PDFAFlavour.PDFA_2_B) {
        violations.add("the metadata claims " + parser.getFlavour() + ", not PDF/A-2B");
      }
      ValidationResult result = validator.validate(parser);
      Map<String, List<TestAssertion>> failed = new TreeMap<>();
      for (TestAssertion assertion : result.getTestAssertions()) {
        if (assertion.getStatus() == TestAssertion.Status.FAILED) {
          String rule = assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber();
          failed.computeIfAbsent(rule, r -> new ArrayList<>()).add(assertion);
        }
      }
      failed.forEach((rule, assertions) -> {
        TestAssertion first = assertions.get(0);
        violations.add(rule + " (" + assertions.size() + "×): " + first.getMessage() + " — at "
            + first.getLocation().getContext() + (first.getErrorMessage() == null ? "" : " — " + first.getErrorMessage()));
      });
      if (!result.isCompliant() && failed.isEmpty()) {
        violations.add("not compliant: " + result.getJobEndStatus());
      }
      return violations;
    }
  }
}
