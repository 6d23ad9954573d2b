using System.CommandLine;

namespace ResearchKit.Tests.Torch;

/// <summary>Runs a researchkit command with its output captured (commands write to the invocation's Output, not Console).</summary>
internal static class CliRun
{
    public static (int Code, string Output) Invoke(params string[] args)
    {
        var output = new StringWriter();
        int code = ResearchKit.Cli.Program.BuildRoot().Parse(args)
            .Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter(), EnableDefaultExceptionHandler = false });
        return (code, output.ToString());
    }
}
