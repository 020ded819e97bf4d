/**
 * The approval form (城乡教师交流轮岗审批表) of a rotation application as a printable PDF: the
 * application's facts and every signed opinion, rendered with the shared form pieces of {@link
 * cn.jiaoliu.app.pdf}; readable by exactly those who may read the application.
 */
package cn.jiaoliu.app.application.pdf;
