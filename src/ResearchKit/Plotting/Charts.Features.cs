namespace ResearchKit.Plotting;

public static partial class Charts
{
    /// <summary>
    /// A frames × bins feature matrix (spectrogram, log-mel, MFCC — row-major, one row per frame as the Features
    /// extractors return it) as a heatmap with time (s) on x and the bin on y, with a colour bar.
    /// </summary>
    /// <param name="features">Row-major values, <paramref name="frames"/> × <paramref name="bins"/>.</param>
    /// <param name="frames">Number of frames.</param>
    /// <param name="bins">Values per frame (FFT bins, mel bands, cepstra).</param>
    /// <param name="frameShiftSeconds">Hop between frames in seconds (0.01 for Kaldi's 10 ms).</param>
    /// <param name="title">Figure title.</param>
    /// <param name="binTitle">y-axis title ("mel band", "cepstrum", "FFT bin").</param>
    /// <param name="colorbarTitle">Colour-bar title (units: "log energy", "dB").</param>
    /// <param name="frameOffsetSeconds">Time of frame 0's centre (Kaldi: half the frame length, 0.0125 s for 25 ms).</param>
    public static Figure FeatureMatrix(float[] features, int frames, int bins, double frameShiftSeconds, string? title = null,
        string binTitle = "bin", string colorbarTitle = "", double frameOffsetSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (frames < 1 || bins < 1) throw new InvalidParameterException("features", $"the matrix is {frames}×{bins}; it needs at least one frame and one bin.");
        if (!(frameShiftSeconds > 0)) throw new InvalidParameterException(nameof(frameShiftSeconds), $"must be > 0 s, got {frameShiftSeconds}.");
        var z = Grid.FromRowMajor(features, frames, bins).Transposed();
        return new Figure(FeatureTrace(z, frames, bins, frameShiftSeconds, frameOffsetSeconds, colorbarTitle, "x", "y", null),
            new Layout
            {
                Title = title, Height = 300, Margin = new Margin { Left = 60, Right = 20, Top = title is null ? 20 : 50, Bottom = 45 },
                XAxis = new Axis { Title = "time (s)" }, YAxis = new Axis { Title = binTitle },
            });
    }

    /// <summary>A feature matrix given as a 2-D array [frame, bin].</summary>
    public static Figure FeatureMatrix(float[,] features, double frameShiftSeconds, string? title = null, string binTitle = "bin", string colorbarTitle = "")
    {
        int f = features.GetLength(0), b = features.GetLength(1);
        var a = new float[f * b];
        Buffer.BlockCopy(features, 0, a, 0, a.Length * sizeof(float));
        return FeatureMatrix(a, f, b, frameShiftSeconds, title, binTitle, colorbarTitle);
    }

    /// <summary>
    /// Several feature matrices stacked with a shared time axis (e.g. waveform-aligned log-mel above MFCC), each with
    /// its own colour bar beside its row.
    /// </summary>
    public static Figure FeatureStack(double frameShiftSeconds, params (string Title, float[] Values, int Frames, int Bins)[] panels)
    {
        if (panels.Length == 0) throw new InvalidParameterException(nameof(panels), "no feature matrices given.");
        var grid = new SubplotGrid(panels.Length, 1, verticalSpacing: 0.08, sharedX: true);
        var traces = new List<Trace>();
        for (int i = 0; i < panels.Length; i++)
        {
            var p = panels[i];
            if (p.Frames < 1 || p.Bins < 1 || p.Values.Length != p.Frames * p.Bins)
                throw new InvalidParameterException(nameof(panels), $"panel '{p.Title}' has {p.Values.Length} values for {p.Frames}×{p.Bins}; give frames×bins row-major values.");
            var dom = grid.YDomain(i);
            traces.Add(FeatureTrace(Grid.FromRowMajor(p.Values, p.Frames, p.Bins).Transposed(), p.Frames, p.Bins, frameShiftSeconds, 0, "",
                grid.XId(i, 0), grid.YId(i, 0), new ColorBar { Len = dom[1] - dom[0], Y = (dom[0] + dom[1]) / 2, Thickness = 12 }));
        }
        return new Figure(traces, new Layout
        {
            Height = 200 + 180 * panels.Length, Margin = new Margin { Left = 60, Right = 20, Top = 40, Bottom = 45 },
            Extra = grid.Axes(x: (r, _) => r == panels.Length - 1 ? new Axis { Title = "time (s)" } : new Axis { ShowTickLabels = false }),
            Annotations = grid.Titles(panels.Select(p => (string?)p.Title).ToArray()),
        });
    }

    /// <summary>
    /// Feature matrices given as [frame, bin] arrays (as the Features extractors return them), each with its own frame
    /// shift in seconds, stacked with a shared time axis (e.g. spectrogram, malaya log-mel at 30 ms, MFCC at 10 ms).
    /// </summary>
    public static Figure FeatureStack(params (string Title, double[,] Values, double FrameShiftSeconds)[] panels)
    {
        if (panels.Length == 0) throw new InvalidParameterException(nameof(panels), "no feature matrices given.");
        var grid = new SubplotGrid(panels.Length, 1, verticalSpacing: 0.08, sharedX: true);
        var traces = new List<Trace>();
        for (int i = 0; i < panels.Length; i++)
        {
            var (title, m, shift) = panels[i];
            int frames = m.GetLength(0), bins = m.GetLength(1);
            if (frames < 1 || bins < 1) throw new InvalidParameterException(nameof(panels), $"panel '{title}' is {frames}×{bins}; it needs at least one frame and one bin.");
            if (!(shift > 0)) throw new InvalidParameterException(nameof(panels), $"panel '{title}' has frame shift {shift} s; give a positive shift.");
            var a = new float[frames * bins];
            for (int t = 0; t < frames; t++) for (int b = 0; b < bins; b++) a[t * bins + b] = (float)m[t, b];
            var dom = grid.YDomain(i);
            traces.Add(FeatureTrace(Grid.FromRowMajor(a, frames, bins).Transposed(), frames, bins, shift, 0, "",
                grid.XId(i, 0), grid.YId(i, 0), new ColorBar { Len = dom[1] - dom[0], Y = (dom[0] + dom[1]) / 2, Thickness = 12 }));
        }
        return new Figure(traces, new Layout
        {
            Height = 200 + 180 * panels.Length, Margin = new Margin { Left = 60, Right = 20, Top = 40, Bottom = 45 },
            Extra = grid.Axes(x: (r, _) => r == panels.Length - 1 ? new Axis { Title = "time (s)" } : new Axis { ShowTickLabels = false }),
            Annotations = grid.Titles(panels.Select(p => (string?)p.Title).ToArray()),
        });
    }

    private static Heatmap FeatureTrace(Grid z, int frames, int bins, double shift, double offset, string cbTitle, string x, string y, ColorBar? cb)
    {
        var t = new double[frames];
        for (int i = 0; i < frames; i++) t[i] = offset + i * shift;
        var b = new double[bins];
        for (int i = 0; i < bins; i++) b[i] = i;
        return new Heatmap
        {
            Z = z, X = t, Y = b, Colorscale = Colorscale.Viridis, XAxis = x, YAxis = y,
            ColorBar = cb ?? new ColorBar { Title = string.IsNullOrEmpty(cbTitle) ? null : cbTitle, Thickness = 12 },
        };
    }
}
