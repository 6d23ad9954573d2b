namespace ResearchKit;

/// <summary>
/// The one exception family of ResearchKit. Every message says what is wrong, where (file, line, parameter)
/// and how to fix it. Catch this type to handle any ResearchKit failure.
/// </summary>
public class ResearchKitException : Exception
{
    /// <summary>Creates an exception with a complete, user-facing message.</summary>
    public ResearchKitException(string message) : base(message) { }

    /// <summary>Creates an exception wrapping the lower-level cause.</summary>
    public ResearchKitException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A file could not be read or has invalid content (audio, RTTM, UEM, .npy, model…).</summary>
public class InvalidInputFileException : ResearchKitException
{
    /// <summary>The file that was being read.</summary>
    public string Path { get; }

    /// <summary>Creates the exception; <paramref name="problemAndFix"/> states what is wrong and how to fix it.</summary>
    public InvalidInputFileException(string path, string problemAndFix, Exception? inner = null)
        : base($"{path}: {problemAndFix}", inner ?? new InvalidOperationException(problemAndFix))
    {
        Path = path;
    }
}

/// <summary>An option, argument or in-memory input has an invalid value.</summary>
public class InvalidParameterException : ResearchKitException
{
    /// <summary>Name of the parameter or option (as the user spells it).</summary>
    public string Parameter { get; }

    /// <summary>Creates the exception; <paramref name="problemAndFix"/> states what is wrong and how to fix it.</summary>
    public InvalidParameterException(string parameter, string problemAndFix)
        : base($"{parameter}: {problemAndFix}")
    {
        Parameter = parameter;
    }
}

/// <summary>An external tool or native runtime that a feature needs is missing (ffmpeg, npm, chromium, libtorch…).</summary>
public class MissingDependencyException : ResearchKitException
{
    /// <summary>The missing tool or library.</summary>
    public string Dependency { get; }

    /// <summary>Creates the exception; <paramref name="howToFix"/> says how to install it.</summary>
    public MissingDependencyException(string dependency, string whatNeedsIt, string howToFix, Exception? inner = null)
        : base($"{dependency} is required {whatNeedsIt} but was not found. {howToFix}", inner ?? new InvalidOperationException(dependency))
    {
        Dependency = dependency;
    }
}

/// <summary>Writing an output failed, or would have written into an input folder.</summary>
public class OutputException : ResearchKitException
{
    /// <summary>The output path.</summary>
    public string Path { get; }

    /// <summary>Creates the exception.</summary>
    public OutputException(string path, string problemAndFix, Exception? inner = null)
        : base($"{path}: {problemAndFix}", inner ?? new InvalidOperationException(problemAndFix))
    {
        Path = path;
    }
}
