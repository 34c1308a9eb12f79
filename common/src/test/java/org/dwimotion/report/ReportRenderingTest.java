package org.dwimotion.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dwimotion.bids.SeriesOutputWriter;
import org.dwimotion.bids.SeriesResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QC report of a simulated series: its content, and (when Debian's {@code /usr/bin/chromium} is installed)
 * that headless Chromium loads it without console messages, every image decodes, and a screenshot renders.
 * The report is also left at {@code target/demo-report/} for {@code scripts/render-report.sh}.
 */
class ReportRenderingTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String INPUT = "sub-01_ses-1_dwi.nii.gz";
    static Path report;
    static String html;

    @BeforeAll
    static void writeReport() throws IOException {
        SeriesResult r = SimulatedSeriesResult.create(INPUT);
        Path out = Path.of("target", "demo-report").toAbsolutePath();
        SeriesOutputWriter.WrittenSeries w = SeriesOutputWriter.write(r, out.toString());
        report = Path.of(w.seriesFolder(), "sub-01_ses-1_desc-hmc_report.html");
        html = Files.readString(report);
    }

    @Test
    void reportIsSelfContainedAndHoldsTheSummary() {
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        // nothing fetched from elsewhere: no src/href other than data: URIs, no external script
        Matcher m = Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            assertTrue(m.group(2).startsWith("data:image/png;base64,"), "external reference: " + m.group(2));
        }
        assertTrue(!html.contains("<script src"), "no external script");
        for (String s : List.of("Mean framewise displacement", "Max translation", "Max rotation", "Flagged volumes",
                "DKI / WLS", "LOVO iterations", "Run time", "id=\"timings\"", "Translations", "Rotations",
                "Framewise displacement (Power)", "threshold 0.5 mm", "Registration metric", "among the worst",
                "typical", ">observed<", ">predicted<", ">corrected<")) {
            assertTrue(html.contains(s), "report lacks " + s);
        }
        assertEquals(5 * 3, count(html, "data:image/png;base64,"), "3 worst + 2 typical volumes, 3 panels each");
        assertTrue(html.length() < 2_000_000, "report size " + html.length());
    }

    @Test
    void headlessChromiumLoadsItWithoutConsoleErrors(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "SKIPPED: " + CHROMIUM + " is absent (apt-get install -y chromium)");
        Result dom = chromium(tmp, "--dump-dom");
        assertTrue(dom.stdout.contains("data-images-ok=\"true\""), "images did not all decode:\n" + tail(dom.stderr));
        assertTrue(dom.stdout.contains("id=\"summary\""));
        List<String> console = new ArrayList<>();
        for (String line : dom.stderr.split("\n")) {
            if (line.contains(":CONSOLE") || line.contains("Uncaught")) {
                console.add(line);
            }
        }
        assertTrue(console.isEmpty(), "console messages: " + console);

        Path png = tmp.resolve("report.png");
        Result shot = chromium(tmp, "--screenshot=" + png, "--window-size=1280,2000", "--hide-scrollbars");
        assertTrue(Files.size(png) > 10_000, "screenshot too small:\n" + tail(shot.stderr));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(2000, img.getHeight());
    }

    record Result(String stdout, String stderr) {
    }

    private static Result chromium(Path tmp, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("profile"), "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        cmd.add(report.toUri().toString());
        Path outFile = tmp.resolve("stdout.txt"), errFile = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        return new Result(Files.readString(outFile, StandardCharsets.UTF_8), Files.readString(errFile, StandardCharsets.UTF_8));
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    private static int count(String s, String part) {
        int c = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            c++;
        }
        return c;
    }
}
