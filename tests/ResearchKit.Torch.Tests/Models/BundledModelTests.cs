using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ResearchKit.Audio;
using ResearchKit.Features;
using ResearchKit.Tests;
using ResearchKit.Torch.Models;

namespace ResearchKit.Torch.Tests.Models;

public class BundledModelTests
{
    [Fact]
    public void TorchSharpAndTheOnnxExportGiveTheSameEmbeddings()
    {
        // data/models/researchkit-xvector-v2.onnx was exported from the .safetensors by the PyTorch twin (export_onnx.py).
        using var emb = TorchSpeakerEmbedder.Load(Fixtures.Data("models", "researchkit-xvector-v2.safetensors"));
        using var session = new InferenceSession(Fixtures.Data("models", "researchkit-xvector-v2.onnx"), new SessionOptions { IntraOpNumThreads = 1 });
        foreach (var f in new[] { "a_1.wav", "x_3.wav" })
        {
            var sig = AudioFile.Read(Fixtures.Data("4persons", f));
            var fb = KaldiFbank.Compute(sig, FbankOptions.WeSpeakerFbank80);
            var ours = emb.EmbedFeatures([fb]);
            int t = fb.GetLength(0);
            var flat = new float[t * 80];
            Buffer.BlockCopy(fb, 0, flat, 0, flat.Length * sizeof(float));
            using var res = session.Run([NamedOnnxValue.CreateFromTensor("feats", new DenseTensor<float>(flat, [1, t, 80]))]);
            var ort = res.First().AsTensor<float>().ToArray();
            Assert.Equal(emb.Dimension, ort.Length);
            for (int k = 0; k < ort.Length; k++) Assert.True(Math.Abs(ort[k] - ours[0, k]) <= 1e-4f, $"{f} dim {k}: {ort[k]} vs {ours[0, k]}");
        }
    }
}
