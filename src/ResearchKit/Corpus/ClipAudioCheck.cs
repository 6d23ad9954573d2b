using ResearchKit.Audio;
using ResearchKit.Models;

namespace ResearchKit.Corpus;

/// <summary>
/// The audio sanity check of <c>cluster-dir</c>, run on every clip before any work: the audio decodes, has the model's
/// sample rate and is at least the model's minimum duration. Offenders are collected, not thrown one at a time, so the
/// user sees the whole list at once.
/// </summary>
public static class ClipAudioCheck
{
    /// <summary>Decodes every clip of <paramref name="sub"/>; returns the duration in seconds per clip (NaN for offenders)
    /// and adds one <see cref="ClipProblem"/> per offender.</summary>
    public static double[] Run(ClipSubfolder sub, ISpeakerEmbedder model, List<ClipProblem> problems)
    {
        var seconds = new double[sub.Clips.Count];
        for (int i = 0; i < seconds.Length; i++)
        {
            var clip = sub.Clips[i];
            seconds[i] = double.NaN;
            Signal s;
            try { s = AudioFile.Read(clip.WavPath); }
            catch (InvalidInputFileException e)
            {
                problems.Add(new ClipProblem(clip.WavPath, $"audio does not decode ({Reason(e)}); replace or remove the clip and its .txt."));
                continue;
            }
            if (s.SampleRate != model.SampleRate)
            {
                problems.Add(new ClipProblem(clip.WavPath, $"sample rate {s.SampleRate} Hz, but the embedding model '{model.Name}' needs {model.SampleRate} Hz; resample the clips (e.g. sox in.wav -r {model.SampleRate} out.wav)."));
                continue;
            }
            if (s.Duration < model.MinDurationSeconds)
            {
                problems.Add(new ClipProblem(clip.WavPath, $"clip is {s.Duration:0.###} s, shorter than the {model.MinDurationSeconds:0.###} s the embedding model '{model.Name}' needs; remove it or use --skip-invalid."));
                continue;
            }
            seconds[i] = s.Duration;
        }
        return seconds;
    }

    private static string Reason(InvalidInputFileException e)
    {
        string m = e.Message;
        return m.StartsWith(e.Path + ": ", StringComparison.Ordinal) ? m[(e.Path.Length + 2)..].TrimEnd('.') : m;
    }
}
