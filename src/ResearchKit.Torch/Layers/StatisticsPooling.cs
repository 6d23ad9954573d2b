using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Layers;

/// <summary>
/// Temporal statistics pooling with optional frame weights: [B, C, T] (or [B, C, F, T], flattened to C·F channels in
/// WeSpeaker's order) → [B, 2·C] = mean ‖ standard deviation over time.
/// Without weights it is WeSpeaker's <c>TSTP</c> (wespeaker/models/pooling_layers.py): unbiased variance + 1e-7 under
/// the square root. With weights w ∈ [0, 1] per frame (pyannote.audio's exclude-overlap masks,
/// pyannote/audio/models/blocks/pooling.py <c>StatsPool._pool</c>) the mean and the unbiased weighted variance
/// Σw(x−μ)² / (V1 − V2/V1) replace them; all-ones weights give the unweighted result.
/// </summary>
public static class StatisticsPooling
{
    /// <summary>Added to the variance before the square root (WeSpeaker TSTP).</summary>
    public const double VarianceEpsilon = 1e-7;

    /// <summary>Pools <paramref name="x"/> ([B,C,T] or [B,C,F,T]) over its last axis; <paramref name="weights"/> is [B, T'] or null.
    /// Weights whose length differs from T are resized with nearest-neighbour interpolation (as pyannote's StatsPool does
    /// after a network that downsamples time).</summary>
    public static Tensor Pool(Tensor x, Tensor? weights)
    {
        if (x.dim() == 4) x = x.reshape(x.shape[0], x.shape[1] * x.shape[2], x.shape[3]);
        if (weights is null)
        {
            var mean = x.mean([-1]);
            var std = (x.var(-1, unbiased: true) + VarianceEpsilon).sqrt();
            return cat([mean, std], 1);
        }
        var w = ResizeWeights(weights, x.shape[2]).unsqueeze(1);           // [B, 1, T]
        var v1 = w.sum(-1) + 1e-8;                                          // [B, 1]
        var mu = (x * w).sum(-1) / v1;                                      // [B, C]
        var dx2 = (x - mu.unsqueeze(2)).square();
        var v2 = w.square().sum(-1);
        var var_ = (dx2 * w).sum(-1) / (v1 - v2 / v1 + 1e-8);
        return cat([mu, (var_ + VarianceEpsilon).sqrt()], 1);
    }

    /// <summary>Resizes [B, T] frame weights to [B, frames] by nearest-neighbour interpolation (torch's "nearest": source index ⌊i·T/frames⌋).</summary>
    public static Tensor ResizeWeights(Tensor weights, long frames)
    {
        if (weights.dim() != 2)
            throw new InvalidParameterException("weights", $"frame weights must be [batch, frames], got {weights.dim()} dimensions.");
        if (weights.shape[1] == frames) return weights;
        return nn.functional.interpolate(weights.unsqueeze(1), size: [frames], mode: InterpolationMode.Nearest).squeeze(1);
    }
}
