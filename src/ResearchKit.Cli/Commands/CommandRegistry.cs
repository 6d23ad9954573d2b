using System.CommandLine;

namespace ResearchKit.Cli.Commands;

/// <summary>The list of sub-commands. Add one line per command (one file per command in this folder).</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        // Each *Command class exposes static Command Create().
        yield return ClusterCommand.Create();
        yield return NotebookCommand.Create();
        yield return FeaturesCommand.Create();
        yield return ScoreCommand.Create();
        yield return VadCommand.Create();
        yield return EmbedCommand.Create();
        yield return ClusterDirCommand.Create();
        yield return LinkSpeakersCommand.Create();
        yield return SimilarityCommand.Create();
        yield return DiarizeCommand.Create();
        yield return EvaluateCommand.Create();
        yield return MergeCommand.Create();
        yield return SweepCommand.Create();
        yield return SimulateCommand.Create();
        yield return CompareCommand.Create();
        yield return TrainEmbeddingCommand.Create();
        yield return EvalEmbeddingCommand.Create();
    }
}
