using ResearchKit.Torch.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ResearchKit.Torch.Architectures;

#pragma warning disable IDE1006 // field names are WeSpeaker's parameter names (wespeaker/models/ecapa_tdnn.py)

/// <summary>
/// ECAPA-TDNN as WeSpeaker defines it (wespeaker/models/ecapa_tdnn.py <c>ECAPA_TDNN</c>; Desplanques et al. 2020):
/// Conv1dReluBn(k5) → three SE-Res2Blocks (dilation 2, 3, 4; scale 8) → concatenation → 1×1 conv to 1536 → ASTP →
/// BatchNorm1d → Linear. <see cref="EmbeddingArchitecture.Flag"/> selects global-context attention (the _GLOB variants).
/// </summary>
public sealed class EcapaTdnn : EmbeddingNetwork
{
    private readonly EmbeddingArchitecture _arch;
    private readonly Conv1dReluBn layer1;
    private readonly SeRes2Block layer2, layer3, layer4;
    private readonly Conv1d conv;
    private readonly AttentiveStatisticsPooling pool;
    private readonly BatchNorm1d bn;
    private readonly Linear linear;

    /// <summary>Builds the network (PyTorch default initialisation).</summary>
    public EcapaTdnn(EmbeddingArchitecture arch) : base(nameof(EcapaTdnn))
    {
        if (arch.Channels % 8 != 0)
            throw new InvalidParameterException("Channels", $"ECAPA-TDNN splits channels into 8 Res2 groups; {arch.Channels} is not a multiple of 8.");
        _arch = arch;
        int c = arch.Channels;
        layer1 = new Conv1dReluBn(arch.FeatDim, c, 5, padding: 2);
        layer2 = new SeRes2Block(c, 3, 2, 2, 8);
        layer3 = new SeRes2Block(c, 3, 3, 3, 8);
        layer4 = new SeRes2Block(c, 3, 4, 4, 8);
        const int outChannels = 512 * 3;   // WeSpeaker hard-codes 1536 whatever `channels` is
        conv = Conv1d(c * 3, outChannels, 1);
        pool = new AttentiveStatisticsPooling(outChannels, 128, arch.Flag);
        bn = BatchNorm1d(outChannels * 2);
        linear = Linear(outChannels * 2, arch.EmbedDim);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override EmbeddingArchitecture Architecture => _arch;

    /// <inheritdoc />
    public override Tensor forward(Tensor features, Tensor? weights)
    {
        using var scope = NewDisposeScope();
        var x = features.permute(0, 2, 1);
        var o1 = layer1.call(x);
        var o2 = layer2.call(o1);
        var o3 = layer3.call(o2);
        var o4 = layer4.call(o3);
        var o = functional.relu(conv.call(cat([o2, o3, o4], 1)));
        return linear.call(bn.call(pool.call(o, weights))).MoveToOuterDisposeScope();
    }

    /// <summary>WeSpeaker <c>Conv1dReluBn</c>: conv → ReLU → BatchNorm1d.</summary>
    private sealed class Conv1dReluBn : Module<Tensor, Tensor>
    {
        private readonly Conv1d conv;
        private readonly BatchNorm1d bn;

        public Conv1dReluBn(int inCh, int outCh, int kernel, int padding = 0) : base(nameof(Conv1dReluBn))
        {
            conv = Conv1d(inCh, outCh, kernel, padding: padding);
            bn = BatchNorm1d(outCh);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => bn.call(functional.relu(conv.call(x)));
    }

    /// <summary>WeSpeaker <c>Res2Conv1dReluBn</c>: split into <c>scale</c> groups, each (plus the previous group's output) through conv → ReLU → BN; the last group passes through.</summary>
    private sealed class Res2Conv1dReluBn : Module<Tensor, Tensor>
    {
        private readonly ModuleList<Conv1d> convs;
        private readonly ModuleList<BatchNorm1d> bns;
        private readonly int _width, _scale;

        public Res2Conv1dReluBn(int channels, int kernel, int padding, int dilation, int scale) : base(nameof(Res2Conv1dReluBn))
        {
            _scale = scale;
            _width = channels / scale;
            int nums = scale == 1 ? 1 : scale - 1;
            convs = new ModuleList<Conv1d>();
            bns = new ModuleList<BatchNorm1d>();
            for (int i = 0; i < nums; i++)
            {
                convs.Add(Conv1d(_width, _width, kernel, padding: padding, dilation: dilation));
                bns.Add(BatchNorm1d(_width));
            }
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var spx = x.split(_width, 1);
            var outs = new List<Tensor>();
            Tensor sp = spx[0];
            for (int i = 0; i < convs.Count; i++)
            {
                if (i >= 1) sp = sp + spx[i];
                sp = bns[i].call(functional.relu(convs[i].call(sp)));
                outs.Add(sp);
            }
            if (_scale != 1) outs.Add(spx[convs.Count]);
            return cat(outs, 1);
        }
    }

    /// <summary>WeSpeaker <c>SE_Connect</c>: squeeze-excitation over channels.</summary>
    private sealed class SeConnect : Module<Tensor, Tensor>
    {
        private readonly Linear linear1, linear2;

        public SeConnect(int channels, int bottleneck = 128) : base("SE_Connect")
        {
            linear1 = Linear(channels, bottleneck);
            linear2 = Linear(bottleneck, channels);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var s = sigmoid(linear2.call(functional.relu(linear1.call(x.mean([2])))));
            return x * s.unsqueeze(2);
        }
    }

    /// <summary>WeSpeaker <c>SE_Res2Block</c>: x + Sequential(Conv1dReluBn, Res2Conv1dReluBn, Conv1dReluBn, SE_Connect)(x).</summary>
    private sealed class SeRes2Block : Module<Tensor, Tensor>
    {
        private readonly Sequential se_res2block;

        public SeRes2Block(int channels, int kernel, int padding, int dilation, int scale) : base("SE_Res2Block")
        {
            se_res2block = Sequential(
                ("0", new Conv1dReluBn(channels, channels, 1)),
                ("1", new Res2Conv1dReluBn(channels, kernel, padding, dilation, scale)),
                ("2", new Conv1dReluBn(channels, channels, 1)),
                ("3", new SeConnect(channels)));
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => x + se_res2block.call(x);
    }
}
