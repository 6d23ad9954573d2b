using ResearchKit.Experiments;

namespace ResearchKit.Tests.Experiments;

public class PairedBootstrapTests
{
    [Fact]
    public void Two_file_case_matches_the_enumerated_resampling_distribution()
    {
        // A: f1 10/100 s, f2 30/100 s; B: f1 20/100, f2 30/100. Resamples of 2 files (each with prob. 1/4, 1/2, 1/4):
        // {f1,f1}: (40 − 20)/200 = +10 points; {f1,f2}: (50 − 40)/200 = +5; {f2,f2}: 0. Observed +5.
        // The 2.5 % and 97.5 % quantiles are therefore 0 and +10, and the interval touches 0 (not significant).
        FileError[] a = [new("f1", 10, 100), new("f2", 30, 100)];
        FileError[] b = [new("f2", 30, 100), new("f1", 20, 100)];
        var r = PairedBootstrap.DerDifference(a, b, iterations: 4000, seed: 3);
        Assert.Equal(5.0, r.Observed, 9);
        Assert.Equal(0.0, r.Lower, 9);
        Assert.Equal(10.0, r.Upper, 9);
        Assert.False(r.ExcludesZero);
    }

    [Fact]
    public void Consistent_improvement_excludes_zero_and_identical_systems_do_not()
    {
        var rng = new Random(5);
        var a = Enumerable.Range(0, 20).Select(i => new FileError($"f{i}", 20 + 10 * rng.NextDouble(), 100)).ToList();
        var better = a.Select(x => x with { Error = x.Error - 5 }).ToList();
        var r = PairedBootstrap.DerDifference(a, better, 2000);
        Assert.Equal(-5.0, r.Observed, 9);
        Assert.True(r.ExcludesZero);
        Assert.True(r.Upper < 0);
        var same = PairedBootstrap.DerDifference(a, a, 500);
        Assert.Equal(0.0, same.Lower);
        Assert.Equal(0.0, same.Upper);
        Assert.False(same.ExcludesZero);
    }

    [Fact]
    public void Unpaired_files_are_an_error()
    {
        FileError[] a = [new("f1", 1, 10)];
        FileError[] b = [new("f2", 1, 10)];
        var e = Assert.Throws<InvalidParameterException>(() => PairedBootstrap.DerDifference(a, b));
        Assert.Contains("f1", e.Message);
    }
}
