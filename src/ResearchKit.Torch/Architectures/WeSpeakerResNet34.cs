using ResearchKit.Torch.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ResearchKit.Torch.Architectures;

// Field names are WeSpeaker's parameter names (wespeaker/models/resnet.py): TorchSharp's RegisterComponents uses
// them as state_dict keys, so "layer1.0.conv1.weight" etc. load from WeSpeaker/pyannote checkpoints by name.
#pragma warning disable IDE1006

/// <summary>
/// WeSpeaker's ResNet34 (wespeaker/models/resnet.py <c>ResNet34</c>, BasicBlock × [3, 4, 6, 3]) with TSTP statistics
/// pooling; the pyannote.audio 3.1 embedding model with <see cref="EmbeddingArchitecture.ResNet34Pyannote31"/>.
/// Input [B, T, 80] fbank, output [B, embed_dim] (<c>embed_b</c> when two_emb_layer, else <c>embed_a</c>, as WeSpeaker returns).
/// </summary>
public sealed class WeSpeakerResNet34 : EmbeddingNetwork
{
    private readonly EmbeddingArchitecture _arch;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1, layer2, layer3, layer4;
    private readonly Linear seg_1;
    private readonly Module<Tensor, Tensor>? seg_bn_1;
    private readonly Linear? seg_2;

    /// <summary>Builds the network (PyTorch default initialisation).</summary>
    public WeSpeakerResNet34(EmbeddingArchitecture arch) : base(nameof(WeSpeakerResNet34))
    {
        if (arch.FeatDim % 8 != 0)
            throw new InvalidParameterException("FeatDim", $"ResNet34 downsamples frequency by 8; feat_dim {arch.FeatDim} must be a multiple of 8 (80 is standard).");
        _arch = arch;
        int m = arch.Channels;
        conv1 = Conv2d(1, m, 3, stride: 1, padding: 1, bias: false);
        bn1 = BatchNorm2d(m);
        int inPlanes = m;
        layer1 = MakeLayer(ref inPlanes, m, 3, 1);
        layer2 = MakeLayer(ref inPlanes, m * 2, 4, 2);
        layer3 = MakeLayer(ref inPlanes, m * 4, 6, 2);
        layer4 = MakeLayer(ref inPlanes, m * 8, 3, 2);
        int statsDim = arch.FeatDim / 8 * m * 8;
        seg_1 = Linear(statsDim * 2, arch.EmbedDim);
        if (arch.Flag)
        {
            seg_bn_1 = BatchNorm1d(arch.EmbedDim, affine: false);
            seg_2 = Linear(arch.EmbedDim, arch.EmbedDim);
        }
        RegisterComponents();
    }

    /// <inheritdoc />
    public override EmbeddingArchitecture Architecture => _arch;

    private static Sequential MakeLayer(ref int inPlanes, int planes, int blocks, int stride)
    {
        var list = new List<(string, Module<Tensor, Tensor>)>();
        for (int i = 0; i < blocks; i++)
        {
            list.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), new BasicBlock(inPlanes, planes, i == 0 ? stride : 1)));
            inPlanes = planes;
        }
        return Sequential(list);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor features, Tensor? weights)
    {
        using var scope = NewDisposeScope();
        var x = features.permute(0, 2, 1).unsqueeze(1);                 // (B,T,F) → (B,1,F,T)
        var h = functional.relu(bn1.call(conv1.call(x)));
        h = layer4.call(layer3.call(layer2.call(layer1.call(h))));
        var stats = StatisticsPooling.Pool(h, weights);
        var embedA = seg_1.call(stats);
        if (seg_2 is null) return embedA.MoveToOuterDisposeScope();
        return seg_2.call(seg_bn_1!.call(functional.relu(embedA))).MoveToOuterDisposeScope();
    }

    /// <summary>WeSpeaker's <c>BasicBlock</c>: two 3×3 convolutions with batch norm and a projection shortcut when the shape changes.</summary>
    private sealed class BasicBlock : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1, conv2;
        private readonly BatchNorm2d bn1, bn2;
        private readonly Sequential shortcut;

        public BasicBlock(int inPlanes, int planes, int stride) : base(nameof(BasicBlock))
        {
            conv1 = Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
            bn1 = BatchNorm2d(planes);
            conv2 = Conv2d(planes, planes, 3, stride: 1, padding: 1, bias: false);
            bn2 = BatchNorm2d(planes);
            shortcut = stride != 1 || inPlanes != planes
                ? Sequential(("0", Conv2d(inPlanes, planes, 1, stride: stride, bias: false)), ("1", BatchNorm2d(planes)))
                : Sequential();
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var o = functional.relu(bn1.call(conv1.call(x)));
            o = bn2.call(conv2.call(o));
            return functional.relu(o + shortcut.call(x));
        }
    }
}
