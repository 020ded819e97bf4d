/**
 * What Jiaoliu's printable forms share: the CJK font embedded as subsets ({@link
 * cn.jiaoliu.app.pdf.CjkFonts}), line breaking the Chinese way ({@link cn.jiaoliu.app.pdf.TextWrapper}),
 * the ruled A4 form with facts and signed opinions ({@link cn.jiaoliu.app.pdf.RuledForm}) and
 * deterministic document information ({@link cn.jiaoliu.app.pdf.DocumentInfo}).
 *
 * <p>The font is Noto Sans S Chinese 1.000 (思源黑体, © 2014 Adobe, Apache License 2.0 — the
 * licence text is in each font's name table) converted to TrueType, from the Maven Central artifact
 * {@code com.github.xingfudeshi:jasperreports-fonts} (a JasperReports font extension; only its two
 * .ttf files are used; the LICENSE file inside that jar is DejaVu's and does not apply to them).
 * Readers need no font of their own.
 *
 * <p>Text extraction and copy/paste give the real characters: PDFBox's own ToUnicode map would
 * turn ideographs that share a glyph with a Kangxi radical (小, 文, 人, 见…) into the radical, so
 * the forms write their own map of the characters they showed; and the fonts are set without
 * glyph substitutions, so Latin ff, fi, fl stay letters that map back to text, not ligatures.
 *
 * <p>Every form is PDF/A-2b ({@link cn.jiaoliu.app.pdf.PdfA2b}, applied by {@link
 * cn.jiaoliu.app.pdf.DocumentInfo}): XMP metadata repeating the document information, an sRGB
 * output intent (the JDK's profile), header 1.7; the tests validate each form with veraPDF.
 */
package cn.jiaoliu.app.pdf;
