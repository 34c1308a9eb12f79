package org.dwimotion.io.itk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dwimotion.image.Affines;
import org.dwimotion.io.Locations;
import org.dwimotion.sim.MotionModel;
import org.dwimotion.sim.RigidMotion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ITK text transforms. Expected texts are written by hand from the ITK file format
 * ({@code itkTxtTransformIO}: magic line, {@code #Transform 0}, {@code Transform: <Class>_double_3_3},
 * {@code Parameters:} the 3×3 matrix row-major then the translation, {@code FixedParameters:} the centre) and the
 * {@code MatrixOffsetTransformBase} meaning {@code T(x) = A(x − c) + c + t}, in LPS.
 */
class ItkTransformFileTest {

    @Test
    void aPureRasTranslationFlipsXAndYInLps() {
        double[] ras = Affines.identity();
        ras[3] = 1.5;   // RAS +x points to the right, ITK (LPS) +x to the left
        ras[7] = -2;
        ras[11] = 3;
        String text = ItkTransformFile.text(ras, new double[] {0, 0, 0});
        assertEquals("#Insight Transform File V1.0\n#Transform 0\nTransform: AffineTransform_double_3_3\n"
                + "Parameters: 1 0 0 0 1 0 0 0 1 -1.5 2 3\nFixedParameters: 0 0 0\n", text);
    }

    @Test
    void aRotationAboutZKeepsItsSenseAndTheCentreIsFlipped() {
        // Rz(90°) about RAS centre (10, 20, 30): in LPS, x and y both negate, so F·Rz·F = Rz (same matrix)
        double[] c = {10, 20, 30};
        double[] ras = MotionModel.rigidAffine(new RigidMotion(0, 0, 0, 0, 0, Math.PI / 2), c);
        String text = ItkTransformFile.text(ras, c);
        String[] lines = text.split("\n");
        double[] p = parse(lines[3].substring("Parameters:".length()));
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0}, p, 1e-15);
        assertEquals("FixedParameters: -10 -20 30", lines[4]);
    }

    @Test
    void aRotationAboutXChangesSignInLps() {
        // Rx(θ) in RAS becomes F·Rx·F: the y-z coupling entries change sign (y flips, z does not)
        double th = 0.1;
        double[] ras = MotionModel.rigidAffine(new RigidMotion(0, 0, 0, th, 0, 0), new double[3]);
        double[] p = parse(ItkTransformFile.text(ras, new double[3]).split("\n")[3].substring(11));
        double c = Math.cos(th), s = Math.sin(th);
        assertArrayEquals(new double[] {1, 0, 0, 0, c, s, 0, -s, c, 0, 0, 0}, p, 1e-15);
    }

    @Test
    void writtenFilesReadBackAsTheSameRasAffine(@TempDir Path dir) throws Exception {
        double[] c = {-3.25, 12.5, 40};
        double[] ras = Affines.multiply(MotionModel.eddyAffine(new double[] {0.01, -0.02, 0.005}, c),
                MotionModel.rigidAffine(new RigidMotion(1.2, -0.7, 2.5, 0.02, -0.03, 0.015), c), null);
        String loc = dir.resolve("vol-0001_xfm.txt").toString();
        ItkTransformFile.write(Locations.storage(), loc, ras, c);
        assertArrayEquals(ras, ItkTransformFile.read(Locations.storage(), loc), 1e-13);
        // the LPS matrix in the file is exactly F·M·F
        double[] lps = ItkTransformFile.rasToLps(ras);
        double[] p = parse(Files.readAllLines(Path.of(loc)).get(3).substring(11));
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(lps[4 * r + k], p[3 * r + k], 0);
            }
        }
    }

    @Test
    void readsAntsStyleFilesWithNonZeroCentres() throws Exception {
        // as ANTs' ConvertTransformFile writes a rigid result: MatrixOffsetTransformBase, centre in LPS
        String ants = "#Insight Transform File V1.0\n#Transform 0\n"
                + "Transform: MatrixOffsetTransformBase_double_3_3\n"
                + "Parameters: 1 0 0 0 1 0 0 0 1 2 -1 0.5\n"
                + "FixedParameters: -10 -20 30\n";
        double[] ras = ItkTransformFile.parse(ants, "ants.txt");
        // pure translation: LPS (2, -1, 0.5) is RAS (-2, 1, 0.5); the centre does not matter
        double[] expected = Affines.identity();
        expected[3] = -2;
        expected[7] = 1;
        expected[11] = 0.5;
        assertArrayEquals(expected, ras, 1e-15);
        // a float variant, Windows line ends and no "#Transform 0"
        String f = "#Insight Transform File V1.0\r\nTransform: AffineTransform_float_3_3\r\n"
                + "Parameters: 1 0 0 0 1 0 0 0 1 0 0 0\r\nFixedParameters: 0 0 0\r\n";
        assertArrayEquals(Affines.identity(), ItkTransformFile.parse(f, "f.txt"), 0);
    }

    @Test
    void badFilesNameTheFileAndTheProblem(@TempDir Path dir) {
        String head = "#Insight Transform File V1.0\n";
        assertMessage("x.txt: does not start", () -> ItkTransformFile.parse("Transform: A\n", "x.txt"));
        assertMessage("not supported", () -> ItkTransformFile.parse(head
                + "Transform: BSplineTransform_double_3_3\nParameters: 1\nFixedParameters: 0\n", "b.txt"));
        assertMessage("12 parameters", () -> ItkTransformFile.parse(head
                + "Transform: AffineTransform_double_3_3\nParameters: 1 0 0\nFixedParameters: 0 0 0\n", "c.txt"));
        assertMessage("non-numeric value 'x'", () -> ItkTransformFile.parse(head
                + "Transform: AffineTransform_double_3_3\nParameters: 1 0 0 0 1 0 0 0 1 0 0 x\n"
                + "FixedParameters: 0 0 0\n", "d.txt"));
        assertMessage("more than one transform", () -> ItkTransformFile.parse(head
                + "#Transform 0\nTransform: AffineTransform_double_3_3\n#Transform 1\n", "e.txt"));
        assertThrows(FileNotFoundException.class,
                () -> ItkTransformFile.read(Locations.storage(), dir.resolve("none.txt").toString()));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        ItkTransformFormatException x = assertThrows(ItkTransformFormatException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }

    private static double[] parse(String s) {
        String[] t = s.trim().split("\\s+");
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = Double.parseDouble(t[i]);
        }
        return out;
    }
}
