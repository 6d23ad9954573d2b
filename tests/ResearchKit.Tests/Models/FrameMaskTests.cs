using ResearchKit.IO;
using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>pyannote 3.1's mask resampling (<c>F.interpolate(mode="nearest") &gt; 0.5</c>) against torch's own output
/// (tests/fixtures/onnx/make_masks.py): exact, index for index.</summary>
public class FrameMaskTests
{
    private static string F(string name) => Fixtures.Path("onnx", name);

    [Theory]
    [InlineData(998)]   // fbank frames of a 10 s chunk
    [InlineData(298)]   // fbank frames of 3 s
    [InlineData(125)]   // ResNet34 pooled frames of a 10 s chunk (T/8)
    [InlineData(37)]
    [InlineData(589)]
    [InlineData(1178)]
    public void Nearest_And_Binary_MatchTorchInterpolate(int frames)
    {
        var activity = Npy.Read(F("mask_activity_589.npy")).ToFloatArray();
        Assert.Equal(Npy.Read(F($"mask_nearest_{frames}.npy")).ToFloatArray(), FrameMasks.Nearest(activity, frames));
        var binary = Npy.Read(F($"mask_binary_{frames}.npy")).ToInt32Array().Select(v => v != 0).ToArray();
        Assert.Equal(binary, FrameMasks.ToFrameMask(activity, frames));
    }

    [Fact]
    public void EmptyActivity_IsRejected() =>
        Assert.Throws<InvalidParameterException>(() => FrameMasks.Nearest([], 10));
}
