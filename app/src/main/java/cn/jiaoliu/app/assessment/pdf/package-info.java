/**
 * The archived annual assessment record (城乡交流教师年度考核登记表) as a printable A4 PDF, laid out
 * with the shared form pieces of {@link cn.jiaoliu.app.pdf} (CJK font subsets, ruled form).
 */
package cn.jiaoliu.app.assessment.pdf;
