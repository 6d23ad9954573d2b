namespace ResearchKit.Clustering;

/// <summary>
/// The Mersenne Twister MT19937 seeded and consumed the way numpy's legacy <c>RandomState(seed)</c> does
/// (init_genrand seeding; 53-bit doubles from two 32-bit draws; bounded integers by masked rejection), so
/// that k-means++ seeded with 0 picks the same points as scikit-learn's <c>random_state=0</c>.
/// </summary>
internal sealed class Mt19937
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _pos;

    public Mt19937(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++)
            _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _pos = N;
    }

    public uint NextUInt32()
    {
        if (_pos >= N) Twist();
        uint y = _mt[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            uint v = _mt[(i + M) % N] ^ (y >> 1);
            if ((y & 1) != 0) v ^= 0x9908b0dfu;
            _mt[i] = v;
        }
        _pos = 0;
    }

    /// <summary>Uniform double in [0, 1) (numpy <c>random_sample</c>).</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>Integer in [0, n) (numpy legacy <c>randint(n)</c>: masked rejection sampling on 32-bit draws).</summary>
    public int NextInt(int n)
    {
        uint range = (uint)(n - 1);
        if (range == 0) return 0;
        uint mask = range;
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16;
        uint v;
        while ((v = NextUInt32() & mask) > range) { }
        return (int)v;
    }
}
