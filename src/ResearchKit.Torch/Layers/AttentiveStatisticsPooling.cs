using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ResearchKit.Torch.Layers;

#pragma warning disable IDE1006 // field names are WeSpeaker's parameter names

/// <summary>
/// WeSpeaker's attentive statistics pooling <c>ASTP</c> (wespeaker/models/pooling_layers.py; Okabe et al. 2018, with the
/// ECAPA-TDNN global context of Desplanques et al. 2020): channel-wise attention α = softmax_t(W₂ tanh(W₁ x)), then
/// μ = Σα x and σ = sqrt(max(Σα x² − μ², 1e-7)). Frame weights w multiply the attention (log w added to the logits),
/// so w = 0 frames get no attention and all-ones weights change nothing.
/// </summary>
public sealed class AttentiveStatisticsPooling : Module<Tensor, Tensor?, Tensor>
{
    private readonly Conv1d linear1, linear2;
    private readonly bool _globalContext;

    /// <summary>Creates the layer for <paramref name="inDim"/> channels.</summary>
    public AttentiveStatisticsPooling(int inDim, int bottleneckDim = 128, bool globalContextAtt = false) : base("ASTP")
    {
        _globalContext = globalContextAtt;
        linear1 = Conv1d(globalContextAtt ? inDim * 3 : inDim, bottleneckDim, 1);
        linear2 = Conv1d(bottleneckDim, inDim, 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x, Tensor? weights)
    {
        if (x.dim() == 4) x = x.reshape(x.shape[0], x.shape[1] * x.shape[2], x.shape[3]);
        Tensor? w = weights is null ? null : StatisticsPooling.ResizeWeights(weights, x.shape[2]).unsqueeze(1);   // [B,1,T]
        var xIn = x;
        if (_globalContext)
        {
            var stats = StatisticsPooling.Pool(x, w?.squeeze(1));
            var c = x.shape[1];
            var mean = stats[.., ..(int)c].unsqueeze(2).expand_as(x);
            var std = stats[.., (int)c..].unsqueeze(2).expand_as(x);
            xIn = cat([x, mean, std], 1);
        }
        var logits = linear2.call(tanh(linear1.call(xIn)));
        if (w is not null) logits = logits + w.clamp_min(1e-8).log();
        var alpha = softmax(logits, 2);
        var mu = (alpha * x).sum(2);
        var var_ = (alpha * x.square()).sum(2) - mu.square();
        return cat([mu, var_.clamp_min(1e-7).sqrt()], 1);
    }
}
