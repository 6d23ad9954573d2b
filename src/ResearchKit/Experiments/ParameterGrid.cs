using System.Globalization;

namespace ResearchKit.Experiments;

/// <summary>
/// A grid of parameter values, kept apart from the options it varies: names (e.g. <c>clustering.threshold</c>) map to
/// value lists; <see cref="Points"/> enumerates the Cartesian product in a fixed order. A pipeline factory turns one
/// point into options (see <see cref="PipelineFactory"/>).
/// </summary>
public sealed class ParameterGrid
{
    private readonly List<KeyValuePair<string, double[]>> _axes = [];

    /// <summary>The axes in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, double[]>> Axes => _axes;

    /// <summary>Adds an axis.</summary>
    public ParameterGrid Add(string name, params double[] values)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new InvalidParameterException("--param", "parameter name is empty.");
        if (values.Length == 0) throw new InvalidParameterException(name, "give at least one value.");
        if (_axes.Any(a => a.Key == name)) throw new InvalidParameterException(name, "given twice; give each parameter once.");
        _axes.Add(new(name, values));
        return this;
    }

    /// <summary>
    /// Parses <c>name=v1,v2,…</c> or <c>name=start:stop:step</c> (stop included when reached within 1e-9), as
    /// <c>researchkit sweep --param clustering.threshold=0.5:0.9:0.02</c>.
    /// </summary>
    public static ParameterGrid Parse(IEnumerable<string> specs)
    {
        var g = new ParameterGrid();
        foreach (var spec in specs)
        {
            int eq = spec.IndexOf('=');
            if (eq <= 0) throw new InvalidParameterException("--param", $"'{spec}' is not name=values; e.g. clustering.threshold=0.5:0.9:0.02 or window=1,1.5,2.");
            string name = spec[..eq].Trim(), v = spec[(eq + 1)..].Trim();
            double[] values;
            var parts = v.Split(':');
            if (parts.Length == 3)
            {
                double a = Num(name, parts[0]), b = Num(name, parts[1]), s = Num(name, parts[2]);
                if (!(s > 0) || b < a) throw new InvalidParameterException(name, $"range {v} needs start ≤ stop and step > 0.");
                int n = (int)Math.Floor((b - a) / s + 1e-9) + 1;
                if (n > 10000) throw new InvalidParameterException(name, $"range {v} has {n} points; use a coarser step.");
                values = Enumerable.Range(0, n).Select(i => Math.Round(a + i * s, 12)).ToArray();
            }
            else values = v.Split(',').Select(x => Num(name, x)).ToArray();
            g.Add(name, values);
        }
        return g;
    }

    private static double Num(string name, string s) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d : throw new InvalidParameterException(name, $"'{s}' is not a number.");

    /// <summary>All points of the grid (last axis varies fastest).</summary>
    public IEnumerable<IReadOnlyDictionary<string, double>> Points()
    {
        if (_axes.Count == 0) { yield return new Dictionary<string, double>(); yield break; }
        var idx = new int[_axes.Count];
        while (true)
        {
            var p = new Dictionary<string, double>();
            for (int i = 0; i < idx.Length; i++) p[_axes[i].Key] = _axes[i].Value[idx[i]];
            yield return p;
            int k = idx.Length - 1;
            while (k >= 0 && ++idx[k] == _axes[k].Value.Length) { idx[k] = 0; k--; }
            if (k < 0) yield break;
        }
    }

    /// <summary>Number of points.</summary>
    public int Count => _axes.Aggregate(1, (n, a) => n * a.Value.Length);

    /// <summary>Short text of a point, e.g. <c>clustering.threshold=0.7</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, double> point) =>
        point.Count == 0 ? "defaults" : string.Join(",", point.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:0.######}")));
}
