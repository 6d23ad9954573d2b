using ResearchKit.Features;
using static ResearchKit.Tests.Features.FeatureFixtures;

namespace ResearchKit.Tests.Features;

/// <summary>torchaudio.transforms (Spectrogram, MelSpectrogram, AmplitudeToDB, MFCC), the mel filterbanks and the
/// malaya log-mel against tests/fixtures/features — one test case per fixture, tolerances from its README.</summary>
public class SpectralParityTests
{
    public static TheoryData<string> Clips => new() { "speech_m3", "speech_f3", "speech_m7", "sine440_noise" };

    // README: power spectra |Δ| ≤ 1e-5·max|ref| + 1e-4·|ref|
    private static void AssertPower(double[,] reference, double[,] ours, string what)
    {
        double max = MaxAbs(reference);
        AssertClose(reference, ours, r => 1e-5 * max + 1e-4 * Math.Abs(r), what);
    }

    [Theory, MemberData(nameof(Clips))]
    public void Spectrogram_p2_matches_torchaudio(string clip)
    {
        var reference = Transpose(Matrix($"spectrogram_p2_{clip}.npy"));
        var ours = Spectrogram.Compute(Clip(clip), new SpectrogramOptions { NFft = 400, HopLength = 160 });
        AssertPower(reference, ours, $"spectrogram_p2_{clip}");
    }

    [Theory, MemberData(nameof(Clips))]
    public void MelSpectrogram80_htk_matches_torchaudio(string clip)
    {
        var reference = Transpose(Matrix($"melspec80_htk_{clip}.npy"));
        var ours = MelSpectrogram.Compute(Clip(clip), MelSpectrogramOptions.Torchaudio80);
        AssertPower(reference, ours, $"melspec80_htk_{clip}");
    }

    [Theory, MemberData(nameof(Clips))]
    public void MelSpectrogram80_slaney_matches_torchaudio(string clip)
    {
        var reference = Transpose(Matrix($"melspec80_slaney_{clip}.npy"));
        var ours = MelSpectrogram.Compute(Clip(clip), MelSpectrogramOptions.Torchaudio80Slaney);
        AssertPower(reference, ours, $"melspec80_slaney_{clip}");
    }

    [Theory, MemberData(nameof(Clips))]
    public void MelSpectrogram80_htk_db_matches_torchaudio_AmplitudeToDB(string clip)
    {
        var reference = Transpose(Matrix($"melspec80_htk_db_{clip}.npy"));
        var ours = LogScale.PowerToDb(MelSpectrogram.Compute(Clip(clip), MelSpectrogramOptions.Torchaudio80), 1.0, 1e-10, 80.0);
        AssertClose(reference, ours, _ => 5e-3, $"melspec80_htk_db_{clip}");
    }

    [Theory, MemberData(nameof(Clips))]
    public void Mfcc13_matches_torchaudio_MFCC(string clip)
    {
        var reference = Transpose(Matrix($"mfcc13_{clip}.npy"));
        var ours = MelMfcc.Compute(Clip(clip), MelMfccOptions.Torchaudio13);
        AssertClose(reference, ours, _ => 2e-3, $"mfcc13_{clip}");
    }

    [Theory, MemberData(nameof(Clips))]
    public void Malaya_logmel80_ln_matches_reference(string clip)
    {
        var reference = Matrix($"malaya_logmel80_ln_{clip}.npy");
        var ours = LogMel.Compute(Clip(clip), LogMelOptions.MalayaSttFeaturizer);
        AssertClose(reference, ours, _ => 1e-4, $"malaya_logmel80_ln_{clip}");
    }

    [Theory, MemberData(nameof(Clips))]
    public void Malaya_logmel80_db_matches_reference(string clip)
    {
        var reference = Matrix($"malaya_logmel80_db_{clip}.npy");
        var ours = LogMel.Compute(Clip(clip), LogMelOptions.MalayaSttFeaturizerDb);
        AssertClose(reference, ours, _ => 5e-4, $"malaya_logmel80_db_{clip}");
    }

    [Theory]
    [InlineData("melfb_torchaudio_htk_nfft400_80.npy", MelScale.Htk, MelNorm.None)]
    [InlineData("melfb_torchaudio_slaney_nfft400_80.npy", MelScale.Slaney, MelNorm.Slaney)]
    public void Torchaudio_melscale_fbanks_match(string file, MelScale scale, MelNorm norm)
    {
        var reference = Transpose(Matrix(file)); // stored (n_freqs, n_mels)
        var ours = MelFilterbank.Create(400, 80, 16000, 0, 8000, scale, norm);
        AssertClose(reference, ours, _ => 2e-5, file);
    }

    [Fact]
    public void Librosa_slaney_filterbank_matches()
    {
        var reference = Matrix("melfb_librosa_slaney_nfft1024_80.npy");
        var ours = MelFilterbank.Create(1024, 80, 16000, 0, 8000, MelScale.Slaney, MelNorm.Slaney);
        AssertClose(reference, ours, _ => 2e-5, "melfb_librosa_slaney_nfft1024_80");
    }

    [Fact]
    public void Malaya_geometry_gives_2001_frames_for_60_s()
    {
        // The malaya-speech notebook: frame_ms=50, stride_ms=30 → 2001 × 80 for 60 s at 16 kHz.
        var o = LogMelOptions.MalayaSttFeaturizer.Mel;
        Assert.Equal((800, 480, 1024), (o.Stft.EffectiveWinLength, o.Stft.EffectiveHopLength, o.Stft.NFft));
        Assert.Equal(2001, o.Stft.NumFrames(60 * 16000));
    }
}
