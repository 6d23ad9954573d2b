namespace ResearchKit.Tests.Torch;

/// <summary>Runs a researchkit command through <see cref="ResearchKit.Cli.Program.Invoke"/> (as the console does) with its output and errors captured.</summary>
internal static class CliRun
{
    public static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ResearchKit.Cli.Program.Invoke(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must fail with a ResearchKit error: exit code 2 and one "error: …" line; returns that line.</summary>
    public static string Fails(params string[] args)
    {
        var (code, _, error) = Invoke(args);
        Assert.Equal(ResearchKit.Cli.Program.ErrorExitCode, code);
        Assert.StartsWith("error: ", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        return error;
    }
}
