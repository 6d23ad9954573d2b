using BenchmarkDotNet.Running;

namespace ResearchKit.Benchmarks;

/// <summary>Runs benchmarks: <c>dotnet run -c Release --project tests/ResearchKit.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
