namespace ResearchKit.Annotations;

/// <summary>
/// A malformed line in an annotation file (RTTM, UEM, CSV, JSON). The message reads
/// <c>path:line:field: problem and fix</c>, the form editors and compilers use, so the location can be clicked.
/// </summary>
public sealed class AnnotationFormatException : InvalidInputFileException
{
    /// <summary>Creates the exception; <paramref name="field"/> is 1-based (0 when the whole line is wrong).</summary>
    public AnnotationFormatException(string path, int line, int field, string problemAndFix)
        : base(path, problemAndFix)
    {
        Line = line;
        Field = field;
        Problem = problemAndFix;
    }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>1-based field number (0 = the whole line).</summary>
    public int Field { get; }

    /// <summary>What is wrong and how to fix it, without the location.</summary>
    public string Problem { get; }

    /// <inheritdoc/>
    public override string Message => Field > 0 ? $"{Path}:{Line}:{Field}: {Problem}" : $"{Path}:{Line}: {Problem}";
}
