namespace ResearchKit.Cli.Commands;

/// <summary>Locates the bundled embedding model (data/models/) from the command's install folder or the working directory.</summary>
internal static class BundledModel
{
    public const string FileName = "researchkit-xvector-v2.safetensors";

    public static string Path()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var p = System.IO.Path.Combine(d.FullName, "data", "models", FileName);
                if (File.Exists(p)) return p;
            }
        }
        throw new InvalidParameterException("--model", $"no --model given and the bundled model data/models/{FileName} was not found above {AppContext.BaseDirectory}; pass --model <file.safetensors> or 'mfcc'.");
    }
}
