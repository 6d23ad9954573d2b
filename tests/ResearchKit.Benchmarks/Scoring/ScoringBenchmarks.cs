using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using ResearchKit.Annotations;
using ResearchKit.Scoring;

namespace ResearchKit.Benchmarks.Scoring;

/// <summary>
/// The speed goals of issue 11, against the timings in tests/fixtures/der/UPSTREAM_FIXTURE_README.md:
/// md-eval-22.pl scores the 7 systems x 8 option sets of the fixture in 8.9 s wall and the 216-file dev set (jitter,
/// collar 0.25) in 0.73 s; dscore takes 72 s and 4.1 s. Goals: ≤ 90 ms and ≤ 10 ms warm (RTTM parsing included for
/// the dev set). Run: <c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- --filter '*ScoringBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class ScoringBenchmarks
{
    private static readonly string[] Systems = ["identity", "jitter", "confusion", "miss", "falarm", "mergesplit", "exclusive"];
    private IReadOnlyDictionary<string, Annotation> _ref40 = null!;
    private Dictionary<string, IReadOnlyDictionary<string, Annotation>> _sys40 = null!;
    private Uem _uem = null!;
    private string _devRefDir = null!, _devSysPath = null!;
    private DerOptions[] _mdEvalSets = null!, _dscoreSets = null!;

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ResearchKit.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }

    [GlobalSetup]
    public void Setup()
    {
        string root = Root(), der = Path.Combine(root, "tests", "fixtures", "der");
        _devRefDir = Path.Combine(root, "data", "voxconverse-rttm", "dev");
        var sysDirs = Systems.ToDictionary(s => s, s => Path.Combine(der, "sys", s));
        var ids = Directory.GetFiles(sysDirs["identity"], "*.rttm").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        _ref40 = Rttm.ReadAnnotations(_devRefDir).Where(kv => ids.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        _sys40 = Systems.ToDictionary(s => s, s => Rttm.ReadAnnotations(sysDirs[s]));
        _uem = Uem.Read(Path.Combine(der, "uem", "dev40.uem"));
        // the 216-file system, decompressed once to a temp file so the benchmark measures RTTM parsing, not gzip
        _devSysPath = Path.Combine(Path.GetTempPath(), "researchkit-bench-jitter_dev216.rttm");
        using (var gz = new GZipStream(File.OpenRead(Path.Combine(der, "sys_full", "jitter_dev216.rttm.gz")), CompressionMode.Decompress))
        using (var f = File.Create(_devSysPath)) gz.CopyTo(f);
        _mdEvalSets = OptionSets(ScorerConvention.MdEval, jer: false);
        _dscoreSets = OptionSets(ScorerConvention.Dscore, jer: true);
    }

    private static DerOptions[] OptionSets(ScorerConvention c, bool jer) =>
        (from collar in new[] { 0.0, 0.25 } from skip in new[] { false, true }
         select new DerOptions { Convention = c, Collar = collar, SkipOverlap = skip, ComputeJer = jer }).ToArray();

    /// <summary>What md-eval-22.pl does in 8.9 s: 7 systems x 8 option sets (collar 0/0.25, overlap on/off, UEM or not), DER only.</summary>
    [Benchmark]
    public double Fixture_MdEval_7Systems_8OptionSets()
    {
        double sum = 0;
        foreach (var s in Systems)
            foreach (var o in _mdEvalSets)
            {
                sum += DiarizationScorer.Score(_ref40, _sys40[s], o).Total.Missed;
                sum += DiarizationScorer.Score(_ref40, _sys40[s], o, _uem).Total.Missed;
            }
        return sum;
    }

    /// <summary>What dscore does in 72 s: the same 56 runs with dscore conventions, DER and JER.</summary>
    [Benchmark]
    public double Fixture_Dscore_7Systems_8OptionSets_WithJer()
    {
        double sum = 0;
        foreach (var s in Systems)
            foreach (var o in _dscoreSets)
            {
                sum += DiarizationScorer.Score(_ref40, _sys40[s], o).Total.JerPercent!.Value;
                sum += DiarizationScorer.Score(_ref40, _sys40[s], o, _uem).Total.JerPercent!.Value;
            }
        return sum;
    }

    /// <summary>What md-eval-22.pl does in 0.73 s: 216 dev files, jitter, collar 0.25, including reading and parsing all RTTMs.</summary>
    [Benchmark]
    public double FullDev_MdEval_Collar025_IncludingParsing()
    {
        var refs = Rttm.ReadAnnotations(_devRefDir);
        var sys = Rttm.ReadAnnotations(_devSysPath);
        return DiarizationScorer.Score(refs, sys, DerOptions.MdEvalCollar025 with { ComputeJer = false }).Total.DerPercent!.Value;
    }

    /// <summary>What dscore does in 4.1 s: the same with dscore conventions, DER and JER, including parsing.</summary>
    [Benchmark]
    public double FullDev_Dscore_Collar025_WithJer_IncludingParsing()
    {
        var refs = Rttm.ReadAnnotations(_devRefDir);
        var sys = Rttm.ReadAnnotations(_devSysPath);
        return DiarizationScorer.Score(refs, sys, DerOptions.Dscore with { Collar = 0.25 }).Total.JerPercent!.Value;
    }
}
