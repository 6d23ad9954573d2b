using ResearchKit.Torch.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ResearchKit.Torch.Architectures;

#pragma warning disable IDE1006 // field names are WeSpeaker's parameter names (wespeaker/models/tdnn.py)

/// <summary>
/// WeSpeaker's x-vector TDNN (wespeaker/models/tdnn.py <c>XVEC</c>): five TdnnLayers (Conv1d → ReLU → BatchNorm1d;
/// contexts 5, 3 (dilation 2), 3 (dilation 3), 1, 1; no padding, so 14 frames are consumed), TSTP pooling and one
/// linear segment layer <c>seg_1</c> giving the embedding. Frame weights are resized to the 14-frame-shorter output.
/// </summary>
public sealed class XVectorTdnn : EmbeddingNetwork
{
    private readonly EmbeddingArchitecture _arch;
    private readonly TdnnLayer frame_1, frame_2, frame_3, frame_4, frame_5;
    private readonly Linear seg_1;

    /// <summary>Frames the five layers consume (4 + 4 + 6): inputs need at least this many + 1 frames.</summary>
    public const int ReceptiveField = 15;

    /// <summary>Builds the network (PyTorch default initialisation).</summary>
    public XVectorTdnn(EmbeddingArchitecture arch) : base(nameof(XVectorTdnn))
    {
        _arch = arch;
        int h = arch.Channels;
        frame_1 = new TdnnLayer(arch.FeatDim, h, 5, 1);
        frame_2 = new TdnnLayer(h, h, 3, 2);
        frame_3 = new TdnnLayer(h, h, 3, 3);
        frame_4 = new TdnnLayer(h, h, 1, 1);
        frame_5 = new TdnnLayer(h, arch.StatsDim, 1, 1);
        seg_1 = Linear(arch.StatsDim * 2, arch.EmbedDim);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override EmbeddingArchitecture Architecture => _arch;

    /// <inheritdoc />
    public override Tensor forward(Tensor features, Tensor? weights)
    {
        if (features.shape[1] < ReceptiveField)
            throw new InvalidParameterException("features", $"the x-vector TDNN needs at least {ReceptiveField} frames (0.16 s), got {features.shape[1]}.");
        using var scope = NewDisposeScope();
        var x = features.permute(0, 2, 1);                               // (B,T,F) → (B,F,T)
        x = frame_5.call(frame_4.call(frame_3.call(frame_2.call(frame_1.call(x)))));
        return seg_1.call(StatisticsPooling.Pool(x, weights)).MoveToOuterDisposeScope();
    }

    /// <summary>WeSpeaker's <c>TdnnLayer</c>: Conv1d (<c>kernel</c>) → ReLU → BatchNorm1d (<c>bn</c>).</summary>
    private sealed class TdnnLayer : Module<Tensor, Tensor>
    {
        private readonly Conv1d kernel;
        private readonly BatchNorm1d bn;

        public TdnnLayer(int inDim, int outDim, int context, int dilation) : base(nameof(TdnnLayer))
        {
            kernel = Conv1d(inDim, outDim, context, dilation: dilation);
            bn = BatchNorm1d(outDim);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => bn.call(functional.relu(kernel.call(x)));
    }
}
