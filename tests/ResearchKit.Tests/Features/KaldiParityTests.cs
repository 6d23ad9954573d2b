using ResearchKit.Features;
using static ResearchKit.Tests.Features.FeatureFixtures;

namespace ResearchKit.Tests.Features;

/// <summary>Kaldi fbank / MFCC / mel banks against torchaudio.compliance.kaldi 0.13 (tests/fixtures/features),
/// one test case per fixture, at the tolerances of the fixtures' README.</summary>
public class KaldiParityTests
{
    private const float LogEpsF = -15.942385f; // ln(FLT_EPSILON) in float32, the floor on digital silence

    [Theory]
    [InlineData("speech_m3")]
    [InlineData("speech_f3")]
    [InlineData("speech_m7")]
    [InlineData("sine440_noise")]
    public void Fbank80_matches_torchaudio(string clip)
    {
        var reference = Matrix($"kaldi_fbank80_{clip}.npy");
        var ours = KaldiFbank.Compute(Clip(clip), FbankOptions.Kaldi);
        // README: |Δ| ≤ 1e-3 where ref ≥ 5, ≤ 1e-2 elsewhere; the floor is reproduced exactly.
        AssertClose(reference, ToDouble(ours), r => r >= 5 ? 1e-3 : 1e-2, $"kaldi_fbank80_{clip}");
        for (int i = 0; i < reference.GetLength(0); i++)
            for (int j = 0; j < reference.GetLength(1); j++)
                if ((float)reference[i, j] == LogEpsF) Assert.Equal(LogEpsF, ours[i, j]);
    }

    [Theory]
    [InlineData("kaldi_fbank80_energy_floor1_speech_m3.npy", 1.0)]
    [InlineData("kaldi_fbank80_energy_floor0_speech_m3.npy", 0.0)]
    public void Fbank80_with_energy_matches_torchaudio(string file, double energyFloor)
    {
        var reference = Matrix(file);
        var ours = KaldiFbank.Compute(Clip("speech_m3"), FbankOptions.Kaldi with { UseEnergy = true, EnergyFloor = energyFloor });
        AssertClose(reference, ToDouble(ours), r => r >= 5 ? 1e-3 : 1e-2, file);
        // energy column: |Δ| ≤ 1e-3 everywhere, floor exact (−15.942385 or 0)
        for (int i = 0; i < reference.GetLength(0); i++)
        {
            Assert.True(Math.Abs(reference[i, 0] - ours[i, 0]) <= 1e-3, $"{file} energy row {i}: {reference[i, 0]} vs {ours[i, 0]}");
            if ((float)reference[i, 0] == LogEpsF || reference[i, 0] == 0.0) Assert.Equal((float)reference[i, 0], ours[i, 0]);
        }
    }

    [Fact]
    public void Fbank80_hamming_matches_torchaudio()
    {
        var reference = Matrix("kaldi_fbank80_hamming_speech_m3.npy");
        var ours = KaldiFbank.Compute(Clip("speech_m3"), FbankOptions.Kaldi with { WindowType = WindowType.Hamming });
        AssertClose(reference, ToDouble(ours), r => r >= 5 ? 1e-3 : 1e-2, "kaldi_fbank80_hamming_speech_m3");
    }

    [Fact]
    public void WeSpeakerFbank80_is_hamming_fbank_minus_its_time_mean()
    {
        // pyannote 3.1 / WeSpeaker: kaldi.fbank(hamming, 80) − mean over frames; reference = the hamming fixture.
        var reference = Matrix("kaldi_fbank80_hamming_speech_m3.npy");
        int rows = reference.GetLength(0), cols = reference.GetLength(1);
        for (int j = 0; j < cols; j++)
        {
            double mean = 0;
            for (int i = 0; i < rows; i++) mean += reference[i, j];
            mean /= rows;
            for (int i = 0; i < rows; i++) reference[i, j] -= mean;
        }
        var ours = KaldiFbank.Compute(Clip("speech_m3"), FbankOptions.WeSpeakerFbank80);
        AssertClose(reference, ToDouble(ours), _ => 2e-3, "WeSpeakerFbank80(speech_m3)");
    }

    [Theory]
    [InlineData("speech_m3")]
    [InlineData("speech_f3")]
    [InlineData("speech_m7")]
    [InlineData("sine440_noise")]
    public void Mfcc13_matches_torchaudio(string clip)
    {
        var reference = Matrix($"kaldi_mfcc13_{clip}.npy");
        var ours = KaldiMfcc.Compute(Clip(clip), MfccOptions.Kaldi);
        AssertClose(reference, ToDouble(ours), _ => 5e-3, $"kaldi_mfcc13_{clip}");
    }

    [Fact]
    public void Mfcc13_with_energy_matches_torchaudio()
    {
        var reference = Matrix("kaldi_mfcc13_energy_speech_m3.npy");
        var ours = KaldiMfcc.Compute(Clip("speech_m3"), MfccOptions.Kaldi with { UseEnergy = true });
        AssertClose(reference, ToDouble(ours), _ => 5e-3, "kaldi_mfcc13_energy_speech_m3");
    }

    [Fact]
    public void Kaldi_mel_banks_match_torchaudio()
    {
        var reference = Matrix("melfb_kaldi_80_nfft512.npy");
        var ours = KaldiMelBanks.Create(80, 512, 16000, 20, 0);
        AssertClose(reference, ours, _ => 2e-5, "melfb_kaldi_80_nfft512");
    }
}
