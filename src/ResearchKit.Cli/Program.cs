using System.CommandLine;
using ResearchKit;
using ResearchKit.Cli.Commands;

namespace ResearchKit.Cli;

/// <summary>Entry point of the <c>researchkit</c> command. Each sub-command lives in Commands/ and only calls the library.</summary>
public static class Program
{
    /// <summary>Exit code of a command that failed with a <see cref="ResearchKitException"/> (bad input, missing dependency, refused output).</summary>
    public const int ErrorExitCode = 2;

    /// <summary>Builds the command tree (also used by tests).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ResearchKit: speaker-diarization research toolkit (features, clustering, scoring, pipelines).");
        foreach (var c in CommandRegistry.All()) root.Subcommands.Add(c);
        return root;
    }

    /// <summary>Runs the command line; ResearchKit errors print one clear line and exit with code 2.</summary>
    public static int Main(string[] args) => Invoke(args);

    /// <summary>
    /// Runs one command line. The one place where a <see cref="ResearchKitException"/> becomes the line
    /// <c>error: &lt;message&gt;</c> on <paramref name="error"/> and exit code <see cref="ErrorExitCode"/>; commands do not catch it.
    /// </summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="output">Where commands that write to the invocation's output print (default: the console).</param>
    /// <param name="error">Where the invocation's errors, including the error line, go (default: the console's error stream).</param>
    public static int Invoke(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        error ??= Console.Error;
        ParseResult? parse = null;
        try
        {
            parse = BuildRoot().Parse(args);
            // System.CommandLine's default handler would print a stack trace and return 1; ours prints one line.
            return parse.Invoke(new InvocationConfiguration { Output = output ?? Console.Out, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (ResearchKitException e)
        {
            error.WriteLine(ErrorLine(e, parse?.CommandResult.Command));
            return ErrorExitCode;
        }
    }

    /// <summary>The error line for <paramref name="e"/> raised by <paramref name="command"/>: its message, plus which option chooses the channel where that is the fix.</summary>
    internal static string ErrorLine(ResearchKitException e, Command? command) =>
        $"error: {e.Message}{(command is not null && PipelineArgs.HasChannelOption(command) ? PipelineArgs.ChannelHint(e) : "")}";
}
