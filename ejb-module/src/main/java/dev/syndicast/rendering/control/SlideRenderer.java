package dev.syndicast.rendering.control;

import dev.syndicast.rendering.entity.Quality;
import dev.syndicast.rendering.entity.VideoStyle;
import jakarta.enterprise.context.ApplicationScoped;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one slide per scene with Java2D (headless, about 20 ms at 1080x1920): the style's gradient (or a media-library
 * image under a veil of it), the heading, and the narration as a caption, so the words are on screen even where players hide subtitle tracks.
 */
@ApplicationScoped
public class SlideRenderer {

    static {
        // Slides never need a display; without this a server with DISPLAY set would try to open one.
        System.setProperty("java.awt.headless", "true");
    }

    public void render(Script script, Scene scene, VideoStyle style, Quality quality, Path target) {
        render(script, scene, style, quality, target, null);
    }

    /**
     * @param background an image from the media library to fill the slide with (cropped to cover it, under a
     *                   veil of the style's colours so the text stays readable), or null for the style's gradient
     */
    public void render(Script script, Scene scene, VideoStyle style, Quality quality, Path target, Path background) {
        int w = quality.width();
        int h = quality.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(style.backgroundTop()), 0, h, new Color(style.backgroundBottom())));
            g.fillRect(0, 0, w, h);
            BufferedImage picture = background == null ? null : readImage(background);
            if (picture != null) {
                drawCover(g, picture, w, h);
                g.setPaint(new GradientPaint(0, 0, withAlpha(style.backgroundTop(), 110), 0, h, withAlpha(style.backgroundBottom(), 190)));
                g.fillRect(0, 0, w, h);
            }

            Color accent = new Color(style.accent());
            Color text = new Color(style.text());
            int margin = w / 12;
            float unit = w / 1080f;

            // A band of accent and the scene counter: the look of the style, and orientation for the viewer.
            g.setColor(accent);
            g.fillRect(margin, Math.round(h * 0.18f), w / 5, Math.max(4, Math.round(12 * unit)));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(34 * unit)));
            g.drawString(fit(g.getFontMetrics(), (scene.index() + 1) + " / " + script.scenes().size() + "   "
                    + script.title().toUpperCase(), w - 2 * margin), margin, Math.round(h * 0.16f));

            g.setColor(text);
            Font headingFont = new Font(style == VideoStyle.DOCUMENTARY ? Font.SERIF : Font.SANS_SERIF, Font.BOLD,
                    Math.round(88 * unit));
            int y = drawWrapped(g, scene.heading(), headingFont, margin, Math.round(h * 0.26f), w - 2 * margin, 4);

            // Caption box in the lower third, where vertical video players leave room.
            Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(50 * unit));
            List<String> lines = wrap(g.getFontMetrics(captionFont), scene.narration(), w - 4 * margin);
            int lineHeight = g.getFontMetrics(captionFont).getHeight();
            int boxHeight = lines.size() * lineHeight + 2 * margin / 2;
            int boxTop = Math.max(y + margin, Math.round(h * 0.62f) - boxHeight / 2);
            g.setColor(new Color(0, 0, 0, 140));
            g.fillRoundRect(margin, boxTop, w - 2 * margin, boxHeight, margin / 2, margin / 2);
            g.setColor(accent);
            g.setStroke(new BasicStroke(Math.max(2, 4 * unit)));
            g.drawRoundRect(margin, boxTop, w - 2 * margin, boxHeight, margin / 2, margin / 2);
            g.setColor(Color.WHITE);
            g.setFont(captionFont);
            int lineY = boxTop + margin / 2 + g.getFontMetrics().getAscent();
            for (String line : lines) {
                g.drawString(line, 2 * margin, lineY);
                lineY += lineHeight;
            }
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(target.getParent());
            ImageIO.write(image, "png", target.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write slide " + target, e);
        }
    }

    /** Scales the picture to cover the whole slide, centred, cropping what overflows. */
    static void drawCover(Graphics2D g, BufferedImage picture, int w, int h) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double scale = Math.max((double) w / picture.getWidth(), (double) h / picture.getHeight());
        int dw = (int) Math.ceil(picture.getWidth() * scale);
        int dh = (int) Math.ceil(picture.getHeight() * scale);
        g.drawImage(picture, (w - dw) / 2, (h - dh) / 2, dw, dh, null);
    }

    private static BufferedImage readImage(Path file) {
        try {
            // ImageIO answers null for a format it cannot read (WebP): the slide then keeps its gradient.
            return ImageIO.read(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static Color withAlpha(int rgb, int alpha) {
        return new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
    }

    private static int drawWrapped(Graphics2D g, String text, Font font, int x, int y, int width, int maxLines) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        List<String> lines = wrap(metrics, text, width);
        int lineY = y + metrics.getAscent();
        for (String line : lines.subList(0, Math.min(maxLines, lines.size()))) {
            g.drawString(line, x, lineY);
            lineY += metrics.getHeight();
        }
        return lineY;
    }

    /** The text cut with an ellipsis where it would run off the slide. */
    static String fit(FontMetrics metrics, String text, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "…";
    }

    static List<String> wrap(FontMetrics metrics, String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
