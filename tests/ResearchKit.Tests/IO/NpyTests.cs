using ResearchKit.IO;

namespace ResearchKit.Tests.IO;

public class NpyTests
{
    [Fact]
    public void RoundTripsFloat32Matrix()
    {
        var m = new float[,] { { 1.5f, -2f, 3f }, { float.Epsilon, 1e30f, 0f } };
        var parsed = Npy.Parse(Npy.Serialize(NpyArray.FromMatrix(m)));
        Assert.Equal([2, 3], parsed.Shape);
        Assert.Equal(NpyDType.Float32, parsed.DType);
        Assert.Equal(m, parsed.ToFloatMatrix());
    }

    [Fact]
    public void HeaderIsAlignedTo64Bytes()
    {
        var bytes = Npy.Serialize(NpyArray.FromVector(new long[] { 1, 2, 3 }));
        int headerLen = bytes[8] | (bytes[9] << 8);
        Assert.Equal(0, (10 + headerLen) % 64);
        Assert.Equal((byte)'\n', bytes[10 + headerLen - 1]);
    }

    [Fact]
    public void RejectsNonNpy()
    {
        var e = Assert.Throws<InvalidInputFileException>(() => Npy.Parse("hello world"u8, "x.npy"));
        Assert.Contains("x.npy", e.Message);
    }
}
