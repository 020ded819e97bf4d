/**
 * The archived annual assessment record (城乡交流教师年度考核登记表) as a printable A4 PDF.
 *
 * <p>{@link cn.jiaoliu.app.assessment.pdf.ArchivePdf} lays the record out with Apache PDFBox and
 * embeds, as subsets, the two weights of the CJK font it ships: Noto Sans S Chinese 1.000
 * (思源黑体, © 2014 Adobe, Apache License 2.0 — the licence text is in each font's name table)
 * converted to TrueType, from the Maven Central artifact
 * {@code com.github.xingfudeshi:jasperreports-fonts} (a JasperReports font extension; only its
 * two .ttf files are used; the LICENSE file inside that jar is DejaVu's and does not apply to
 * them). Readers need no font of their own.
 *
 * <p>Text extraction and copy/paste give the real characters: PDFBox's own ToUnicode map would
 * turn ideographs that share a glyph with a Kangxi radical (小, 文, 人, 见…) into the radical, so
 * the renderer writes its own map of the characters it showed.
 */
package cn.jiaoliu.app.assessment.pdf;
