using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResearchKit.Torch.Training;

/// <summary>
/// Additive angular margin softmax (ArcFace; Deng et al. 2019), as WeSpeaker's <c>ArcMarginProduct</c>
/// (wespeaker/models/projections.py, easy_margin = False): logits = s·cos(θ_y + m) for the true class and s·cos θ
/// otherwise, with the usual fallback cos θ − m·sin m·… when θ + m &gt; π (cos θ ≤ cos(π − m)).
/// </summary>
public sealed class AamSoftmax : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // WeSpeaker's parameter name
    private readonly Parameter weight;
#pragma warning restore IDE1006
    private readonly double _cosM, _sinM, _th, _mm, _scale;

    /// <summary>Creates the head for <paramref name="classes"/> speakers on <paramref name="embedDim"/>-d embeddings.</summary>
    public AamSoftmax(int embedDim, int classes, double margin = 0.2, double scale = 30) : base(nameof(AamSoftmax))
    {
        weight = nn.Parameter(empty(classes, embedDim));
        nn.init.xavier_uniform_(weight);
        _cosM = Math.Cos(margin); _sinM = Math.Sin(margin);
        _th = Math.Cos(Math.PI - margin); _mm = Math.Sin(Math.PI - margin) * margin;
        _scale = scale;
        RegisterComponents();
    }

    /// <summary>Logits [B, classes] for embeddings [B, D] and integer labels [B].</summary>
    public override Tensor forward(Tensor embeddings, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var cosine = nn.functional.linear(nn.functional.normalize(embeddings), nn.functional.normalize(weight));
        var sine = (1.0 - cosine.square()).clamp(0, 1).sqrt();
        var phi = cosine * _cosM - sine * _sinM;
        phi = where(cosine > _th, phi, cosine - _mm);
        var onehot = nn.functional.one_hot(labels, cosine.shape[1]).to(cosine.dtype);
        return ((onehot * phi + (1.0 - onehot) * cosine) * _scale).MoveToOuterDisposeScope();
    }
}
