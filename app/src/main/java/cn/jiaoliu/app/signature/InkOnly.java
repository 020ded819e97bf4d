package cn.jiaoliu.app.signature;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * The ink of a signature or seal: the background, as light as the picture's border or lighter,
 * made transparent, and the picture trimmed to what is left, with a small margin.
 */
final class InkOnly {

  static final int MARGIN = 4;
  /** A border darker than this is no paper: nothing is taken for background then. */
  private static final int LIGHT_BACKGROUND = 150;
  /** How much darker than the paper a pixel must be to count as ink. */
  private static final int CONTRAST = 40;
  private static final int ALPHA_MIN = 24;

  private InkOnly() {}

  /** The trimmed picture, or null when it holds no ink. */
  static BufferedImage of(BufferedImage source) {
    int width = source.getWidth();
    int height = source.getHeight();
    int paper = paperLuminance(source);
    int inkBelow = paper >= LIGHT_BACKGROUND ? Math.min(paper - CONTRAST, 230) : 256;
    BufferedImage ink = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    int[] row = new int[width];
    int left = width;
    int right = -1;
    int top = height;
    int bottom = -1;
    for (int y = 0; y < height; y++) {
      source.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int p = row[x];
        if ((p >>> 24) < ALPHA_MIN || luminance(p) >= inkBelow) {
          row[x] = 0;
        } else {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
      ink.setRGB(0, y, width, 1, row, 0, width);
    }
    if (right < 0) {
      return null;
    }
    int x0 = Math.max(0, left - MARGIN);
    int y0 = Math.max(0, top - MARGIN);
    int x1 = Math.min(width - 1, right + MARGIN);
    int y1 = Math.min(height - 1, bottom + MARGIN);
    BufferedImage trimmed = new BufferedImage(x1 - x0 + 1, y1 - y0 + 1, BufferedImage.TYPE_INT_ARGB);
    int[] pixels = ink.getRGB(x0, y0, trimmed.getWidth(), trimmed.getHeight(), null, 0, trimmed.getWidth());
    trimmed.setRGB(0, 0, trimmed.getWidth(), trimmed.getHeight(), pixels, 0, trimmed.getWidth());
    return trimmed;
  }

  /** The median luminance of the border's pixels, a transparent one counting as white paper. */
  static int paperLuminance(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] top = image.getRGB(0, 0, width, 1, null, 0, width);
    int[] bottom = image.getRGB(0, height - 1, width, 1, null, 0, width);
    int[] leftSide = image.getRGB(0, 0, 1, height, null, 0, 1);
    int[] rightSide = image.getRGB(width - 1, 0, 1, height, null, 0, 1);
    int[] all = new int[2 * width + 2 * height];
    int n = 0;
    for (int[] side : new int[][] {top, bottom, leftSide, rightSide}) {
      for (int p : side) {
        all[n++] = (p >>> 24) < ALPHA_MIN ? 255 : luminance(p);
      }
    }
    Arrays.sort(all);
    return all[n / 2];
  }

  static int luminance(int argb) {
    int r = (argb >> 16) & 0xFF;
    int g = (argb >> 8) & 0xFF;
    int b = argb & 0xFF;
    return (299 * r + 587 * g + 114 * b) / 1000;
  }
}
