using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ResearchKit.Features;

/// <summary>
/// Forward FFT of a real sequence of any length n ≥ 1, in float64 (numpy's <c>rfft</c>, torch's <c>torch.fft.rfft</c>):
/// returns the n/2+1 non-negative-frequency bins X[k] = Σ x[t]·e^(−2πi·k·t/n), unnormalised.
/// </summary>
/// <remarks>
/// An even n is computed as one complex FFT of n/2 points (even samples as real, odd samples as imaginary parts)
/// followed by the standard split step; powers of two use an iterative radix-2 kernel with vectorised
/// butterflies, other lengths a mixed-radix (2, 3, 4, 5, generic) decimation in time.
/// An instance holds precomputed twiddles and scratch buffers: it is not thread-safe; create one per thread.
/// </remarks>
public sealed class RealFft
{
    private readonly int _n;
    private readonly ComplexFft? _half;      // for even n: complex FFT of n/2
    private readonly ComplexFft? _full;      // for odd n: complex FFT of n
    private readonly double[] _splitCos, _splitSin; // e^(−2πik/n) for the split step
    private readonly double[] _re, _im;

    /// <summary>Plans an FFT of <paramref name="length"/> real samples.</summary>
    public RealFft(int length)
    {
        if (length < 1) throw new InvalidParameterException("length", $"FFT length must be ≥ 1, got {length}.");
        _n = length;
        if (length % 2 == 0)
        {
            int m = length / 2;
            _half = new ComplexFft(m);
            _splitCos = new double[m + 1];
            _splitSin = new double[m + 1];
            for (int k = 0; k <= m; k++)
            {
                double a = -2.0 * Math.PI * k / length;
                _splitCos[k] = Math.Cos(a);
                _splitSin[k] = Math.Sin(a);
            }
            _re = new double[m];
            _im = new double[m];
        }
        else
        {
            _full = new ComplexFft(length);
            _splitCos = _splitSin = [];
            _re = new double[length];
            _im = new double[length];
        }
    }

    /// <summary>The number of real input samples n.</summary>
    public int Length => _n;

    /// <summary>The number of output bins, n/2 + 1.</summary>
    public int BinCount => _n / 2 + 1;

    /// <summary>Computes the n/2+1 complex bins of <paramref name="input"/> (exactly n samples).</summary>
    public void Forward(ReadOnlySpan<double> input, Span<double> real, Span<double> imag)
    {
        CheckSizes(input.Length, real.Length, imag.Length);
        if (_half is not null) ForwardEven(input, real, imag);
        else
        {
            input.CopyTo(_re);
            Array.Clear(_im);
            _full!.Forward(_re, _im);
            _re.AsSpan(0, BinCount).CopyTo(real);
            _im.AsSpan(0, BinCount).CopyTo(imag);
        }
    }

    /// <summary>Computes the power spectrum |X[k]|² (n/2+1 values) of <paramref name="input"/> (exactly n samples).</summary>
    public void PowerSpectrum(ReadOnlySpan<double> input, Span<double> power)
    {
        CheckSizes(input.Length, power.Length, power.Length);
        if (_half is not null)
        {
            PowerEven(input, power);
            return;
        }
        input.CopyTo(_re);
        Array.Clear(_im);
        _full!.Forward(_re, _im);
        for (int k = 0; k < BinCount; k++) power[k] = _re[k] * _re[k] + _im[k] * _im[k];
    }

    private void CheckSizes(int inLen, int outLen1, int outLen2)
    {
        if (inLen != _n)
            throw new InvalidParameterException("input", $"the FFT was planned for {_n} samples but got {inLen}; pad or trim the frame.");
        if (outLen1 < BinCount || outLen2 < BinCount)
            throw new InvalidParameterException("output", $"output spans need {BinCount} elements (n/2+1).");
    }

    private void Deinterleave(ReadOnlySpan<double> input)
    {
        int m = _n / 2;
        ref double src = ref MemoryMarshal.GetReference(input);
        for (int t = 0; t < m; t++)
        {
            _re[t] = Unsafe.Add(ref src, 2 * t);
            _im[t] = Unsafe.Add(ref src, 2 * t + 1);
        }
        _half!.Forward(_re, _im);
    }

    private void ForwardEven(ReadOnlySpan<double> input, Span<double> real, Span<double> imag)
    {
        Deinterleave(input);
        int m = _n / 2;
        for (int k = 0; k <= m; k++)
        {
            // Z[k] and conj(Z[m-k]) with Z[m] = Z[0]
            int a = k == m ? 0 : k, b = k == 0 ? 0 : m - k;
            double zr = _re[a], zi = _im[a], cr = _re[b], ci = -_im[b];
            double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);          // even part
            double dr = zr - cr, di = zi - ci;
            double or_ = 0.5 * di, oi = -0.5 * dr;                       // odd part = (Z - conj Z')/(2i)
            double wr = _splitCos[k], wi = _splitSin[k];
            real[k] = er + wr * or_ - wi * oi;
            imag[k] = ei + wr * oi + wi * or_;
        }
    }

    private void PowerEven(ReadOnlySpan<double> input, Span<double> power)
    {
        Deinterleave(input);
        int m = _n / 2;
        var re = _re; var im = _im; var wc = _splitCos; var ws = _splitSin;
        // k = 0 and k = m are purely real: X[0] = Re Z0 + Im Z0, X[m] = Re Z0 − Im Z0.
        double x0 = re[0] + im[0], xm = re[0] - im[0];
        power[0] = x0 * x0;
        for (int k = 1; k < m; k++)
        {
            int b = m - k;
            double zr = re[k], zi = im[k], cr = re[b], ci = -im[b];
            double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
            double or_ = 0.5 * (zi - ci), oi = -0.5 * (zr - cr);
            double wr = wc[k], wi = ws[k];
            double xr = er + wr * or_ - wi * oi;
            double xi = ei + wr * oi + wi * or_;
            power[k] = xr * xr + xi * xi;
        }
        power[m] = xm * xm;
    }
}

/// <summary>In-place forward complex FFT (float64, unnormalised, e^(−2πi·k·t/n)) of any length.</summary>
internal sealed class ComplexFft
{
    private readonly int _n;
    private readonly bool _pow2;
    // radix-2: bit-reversal swap pairs and per-stage twiddles (stage with half-size h at offset h-1)
    private readonly int[] _swapA = [], _swapB = [];
    private readonly double[] _twr = [], _twi = [];
    // mixed radix
    private readonly int[] _factors = [];
    private readonly System.Numerics.Complex[] _tw = [];
    private readonly System.Numerics.Complex[] _buf = [], _in = [], _scratch = [];

    public ComplexFft(int n)
    {
        _n = n;
        _pow2 = n >= 1 && (n & (n - 1)) == 0;
        if (_pow2)
        {
            int bits = BitOperations.Log2((uint)n);
            var a = new List<int>(); var b = new List<int>();
            for (int i = 0; i < n; i++)
            {
                int r = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
                if (r > i) { a.Add(i); b.Add(r); }
            }
            _swapA = a.ToArray(); _swapB = b.ToArray();
            _twr = new double[Math.Max(n - 1, 1)];
            _twi = new double[Math.Max(n - 1, 1)];
            for (int h = 1; h < n; h <<= 1)
                for (int k = 0; k < h; k++)
                {
                    double ang = -Math.PI * k / h;
                    _twr[h - 1 + k] = Math.Cos(ang);
                    _twi[h - 1 + k] = Math.Sin(ang);
                }
        }
        else
        {
            var f = new List<int>();
            int rest = n;
            foreach (int p in new[] { 4, 2, 3, 5 })
                while (rest % p == 0) { f.Add(p); rest /= p; }
            for (int p = 7; rest > 1; p += 2)
                while (rest % p == 0) { f.Add(p); rest /= p; }
            _factors = f.ToArray();
            _tw = new System.Numerics.Complex[n];
            for (int k = 0; k < n; k++) _tw[k] = System.Numerics.Complex.FromPolarCoordinates(1.0, -2.0 * Math.PI * k / n);
            _buf = new System.Numerics.Complex[n];
            _in = new System.Numerics.Complex[n];
            _scratch = new System.Numerics.Complex[_factors.Length == 0 ? 1 : _factors.Max()];
        }
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }

    public void Forward(double[] re, double[] im)
    {
        if (_pow2) Radix2(re, im);
        else MixedRadix(re, im);
    }

    private void Radix2(double[] re, double[] im)
    {
        int n = _n;
        for (int s = 0; s < _swapA.Length; s++)
        {
            int i = _swapA[s], j = _swapB[s];
            (re[i], re[j]) = (re[j], re[i]);
            (im[i], im[j]) = (im[j], im[i]);
        }
        int h0;
        if (n >= 4)
        {
            // first two stages (h = 1, 2) fused into one radix-4 pass: twiddles 1 and −i only
            for (int i = 0; i < n; i += 4)
            {
                double r0 = re[i], i0 = im[i], r1 = re[i + 1], i1 = im[i + 1], r2 = re[i + 2], i2 = im[i + 2], r3 = re[i + 3], i3 = im[i + 3];
                double ar = r0 + r1, ai = i0 + i1, br = r0 - r1, bi = i0 - i1;   // stage 1 on (0,1)
                double cr = r2 + r3, ci = i2 + i3, dr = r2 - r3, di = i2 - i3;   // stage 1 on (2,3)
                re[i] = ar + cr; im[i] = ai + ci; re[i + 2] = ar - cr; im[i + 2] = ai - ci;
                // (dr + i·di)·(−i) = di − i·dr
                re[i + 1] = br + di; im[i + 1] = bi - dr; re[i + 3] = br - di; im[i + 3] = bi + dr;
            }
            h0 = 4;
        }
        else
        {
            for (int i = 0; i + 1 < n; i += 2)
            {
                double ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1];
                re[i] = ar + br; im[i] = ai + bi; re[i + 1] = ar - br; im[i + 1] = ai - bi;
            }
            h0 = 2;
        }
        int vc = Vector<double>.Count;
        for (int h = h0; h < n; h <<= 1)
        {
            var twr = _twr.AsSpan(h - 1, h);
            var twi = _twi.AsSpan(h - 1, h);
            for (int i = 0; i < n; i += 2 * h)
            {
                var ar = re.AsSpan(i, h); var ai = im.AsSpan(i, h);
                var br = re.AsSpan(i + h, h); var bi = im.AsSpan(i + h, h);
                int k = 0;
                if (Vector.IsHardwareAccelerated && h >= vc)
                {
                    for (; k + vc <= h; k += vc)
                    {
                        var wr = new Vector<double>(twr[k..]); var wi = new Vector<double>(twi[k..]);
                        var xr = new Vector<double>(br[k..]); var xi = new Vector<double>(bi[k..]);
                        var tr = xr * wr - xi * wi;
                        var ti = xr * wi + xi * wr;
                        var ur = new Vector<double>(ar[k..]); var ui = new Vector<double>(ai[k..]);
                        (ur + tr).CopyTo(ar[k..]); (ui + ti).CopyTo(ai[k..]);
                        (ur - tr).CopyTo(br[k..]); (ui - ti).CopyTo(bi[k..]);
                    }
                }
                for (; k < h; k++)
                {
                    double tr = br[k] * twr[k] - bi[k] * twi[k];
                    double ti = br[k] * twi[k] + bi[k] * twr[k];
                    br[k] = ar[k] - tr; bi[k] = ai[k] - ti;
                    ar[k] += tr; ai[k] += ti;
                }
            }
        }
    }

    private void MixedRadix(double[] re, double[] im)
    {
        var input = _in;
        for (int i = 0; i < _n; i++) input[i] = new System.Numerics.Complex(re[i], im[i]);
        Work(_buf, 0, input, 0, 1, 0, _n);
        for (int i = 0; i < _n; i++) { re[i] = _buf[i].Real; im[i] = _buf[i].Imaginary; }
    }

    // DFT of length len of input[inOff + t·stride], t < len, written to output[outOff ..outOff+len).
    private void Work(System.Numerics.Complex[] output, int outOff, System.Numerics.Complex[] input, int inOff, int stride, int fi, int len)
    {
        if (fi == _factors.Length)
        {
            output[outOff] = input[inOff]; // len == 1
            return;
        }
        int p = _factors[fi], m = len / p;
        for (int q = 0; q < p; q++)
            Work(output, outOff + q * m, input, inOff + q * stride, stride * p, fi + 1, m);
        int tstride = _n / len;  // W_len^x = tw[x·tstride]
        var s = _scratch;
        for (int j = 0; j < m; j++)
        {
            for (int q = 0; q < p; q++)
                s[q] = q == 0 ? output[outOff + j] : output[outOff + q * m + j] * _tw[(int)((long)q * j * tstride % _n)];
            if (p == 2)
            {
                output[outOff + j] = s[0] + s[1];
                output[outOff + m + j] = s[0] - s[1];
            }
            else if (p == 4)
            {
                var a0 = s[0] + s[2]; var a1 = s[0] - s[2];
                var b0 = s[1] + s[3]; var b1 = s[1] - s[3];
                var mib1 = new System.Numerics.Complex(b1.Imaginary, -b1.Real); // −i·b1
                output[outOff + j] = a0 + b0;
                output[outOff + m + j] = a1 + mib1;
                output[outOff + 2 * m + j] = a0 - b0;
                output[outOff + 3 * m + j] = a1 - mib1;
            }
            else
            {
                int pstride = _n / p; // W_p^x = tw[x·pstride]
                for (int u = 0; u < p; u++)
                {
                    var acc = s[0];
                    for (int q = 1; q < p; q++) acc += s[q] * _tw[(q * u % p) * pstride];
                    output[outOff + u * m + j] = acc;
                }
            }
        }
    }
}
