using System.CommandLine;
using ResearchKit;
using ResearchKit.Cli.Commands;

namespace ResearchKit.Cli;

/// <summary>Entry point of the <c>researchkit</c> command. Each sub-command lives in Commands/ and only calls the library.</summary>
public static class Program
{
    /// <summary>Builds the command tree (also used by tests).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ResearchKit: speaker-diarization research toolkit (features, clustering, scoring, pipelines).");
        foreach (var c in CommandRegistry.All()) root.Subcommands.Add(c);
        return root;
    }

    /// <summary>Runs the command line; ResearchKit errors print one clear line and exit with code 2.</summary>
    public static int Main(string[] args)
    {
        try
        {
            // System.CommandLine's default handler would print a stack trace and return 1; ours prints one line.
            return BuildRoot().Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (ResearchKitException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
