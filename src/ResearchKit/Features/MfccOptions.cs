namespace ResearchKit.Features;

/// <summary>
/// Options of Kaldi's MFCC (<c>compute-mfcc-feats</c>, <c>torchaudio.compliance.kaldi.mfcc</c>): the log mel
/// energies of <see cref="KaldiOptions"/> through an orthonormal DCT-II, keeping <see cref="NumCeps"/>
/// coefficients, then liftered.
/// </summary>
public sealed record MfccOptions : KaldiOptions
{
    /// <summary>Creates options with torchaudio.compliance.kaldi.mfcc's defaults (13 ceps, 23 bins, lifter 22).</summary>
    public MfccOptions() { }

    /// <summary>Number of cepstra kept (<c>--num-ceps</c>, <c>num_ceps</c>, default 13); ≤ NumMelBins.</summary>
    public int NumCeps { get; init; } = 13;

    /// <summary>Cepstral lifter L (<c>--cepstral-lifter</c>, <c>cepstral_lifter</c>, default 22): c_i ·= 1 + (L/2)·sin(πi/L); 0 = none.</summary>
    public double CepstralLifter { get; init; } = 22.0;

    /// <summary>Kaldi MFCC-13: torchaudio.compliance.kaldi.mfcc(num_ceps=13, num_mel_bins=23, dither=0), int16-scale
    /// samples, no energy (torchaudio's default; Kaldi's binary uses energy — set UseEnergy). The <c>kaldi_mfcc13_*</c> fixtures.</summary>
    public static MfccOptions Kaldi { get; } = new();

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (NumCeps < 1 || NumCeps > NumMelBins)
            throw new InvalidParameterException($"{nameof(MfccOptions)}.{nameof(NumCeps)}", $"must be in [1, NumMelBins = {NumMelBins}], got {NumCeps}.");
        if (!(CepstralLifter >= 0)) throw new InvalidParameterException($"{nameof(MfccOptions)}.{nameof(CepstralLifter)}", $"must be ≥ 0, got {CepstralLifter}.");
    }
}
