using System.Text.RegularExpressions;
using ResearchKit.Audio;

namespace ResearchKit.Datasets;

/// <summary>A single-speaker source utterance for the simulator.</summary>
/// <param name="Speaker">Speaker label used in the reference RTTM.</param>
/// <param name="Id">Utterance id (file name without extension).</param>
/// <param name="Audio">Mono audio (all sources must share one sample rate).</param>
public sealed record SourceUtterance(string Speaker, string Id, Signal Audio);

/// <summary>
/// Seeded simulator of multi-speaker conversations from single-speaker utterances: mixed WAV + reference RTTM +
/// UEM, with pauses, overlaps up to a target overlap ratio, backchannels, per-speaker gains and a noise floor.
/// The algorithm is the one documented in ../shared/data/sim-dev/README.md and make_sim.py (energy-VAD chunks,
/// turns of consecutive chunks, overlap 0.3–2.0 s capped at 60 % of either side, pauses 0.15–1.0 s or 1.5–3.0 s,
/// never three simultaneous speakers, −25 dBFS speech level, ±3 dB speaker gains, −60 dBFS noise), so it reproduces
/// sim-dev's statistics; its random generator is .NET's seeded <see cref="Random"/>, not numpy's, so files are not
/// byte-identical to sim-dev.
/// </summary>
public sealed class ConversationSimulator
{
    private static readonly Regex LibriName = new(@"^(\d+)-(\d+)-(\d+)$", RegexOptions.CultureInvariant);
    private readonly SimulationOptions _o;
    private readonly Dictionary<string, List<Utt>> _pool;
    private readonly int _rate;

    private sealed class Utt(string id, float[] x, List<(double S, double E)> chunks)
    {
        public string Id { get; } = id;
        public float[] X { get; } = x;
        public List<(double S, double E)> Chunks { get; } = chunks;
    }

    private sealed class QueueEntry(Utt utt)
    {
        public Utt Utt { get; } = utt;
        public int Next { get; set; }
        public HashSet<int> Used { get; } = [];
    }

    /// <summary>Prepares the pool: every utterance is cut into speech chunks and level-normalised.</summary>
    public ConversationSimulator(IEnumerable<SourceUtterance> sources, SimulationOptions? options = null)
    {
        _o = options ?? SimulationOptions.SimDev;
        _o.Validate();
        _pool = new Dictionary<string, List<Utt>>(StringComparer.Ordinal);
        int rate = 0;
        foreach (var s in sources.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            if (rate == 0) rate = s.Audio.SampleRate;
            else if (s.Audio.SampleRate != rate)
                throw new InvalidParameterException("sources", $"utterance {s.Id} is at {s.Audio.SampleRate} Hz but others at {rate} Hz; resample all sources to one rate first.");
            var x = s.Audio.Samples.ToArray();
            var (chunks, rms) = EnergyChunks(x, rate, _o.MergeGap);
            if (chunks.Count == 0) continue;
            float g = (float)(Math.Pow(10, _o.SpeechDbfs / 20) / rms);
            for (int i = 0; i < x.Length; i++) x[i] *= g;
            if (!_pool.TryGetValue(s.Speaker, out var list)) _pool[s.Speaker] = list = [];
            list.Add(new Utt(s.Id, x, chunks));
        }
        if (_pool.Count == 0)
            throw new InvalidParameterException("sources", "no source utterance contains detectable speech; give single-speaker speech recordings.");
        _rate = rate;
        int most = _o.SpeakerCounts.Max();
        if (most > _pool.Count)
            throw new InvalidParameterException("--spk-counts", $"a conversation needs {most} speakers but the sources have only {_pool.Count}; lower the counts or add speakers.");
    }

    /// <summary>
    /// Loads LibriSpeech-named WAV files (<c>&lt;speaker&gt;-&lt;chapter&gt;-&lt;utterance&gt;.wav</c>) whose utterance index is in
    /// [<paramref name="uttMin"/>, <paramref name="uttMax"/>]; speaker labels become <c>ls&lt;speaker&gt;</c> (as sim-dev).
    /// </summary>
    public static List<SourceUtterance> LoadLibriSpeechFolder(string dir, int uttMin = 0, int uttMax = int.MaxValue)
    {
        if (!Directory.Exists(dir)) throw new InvalidInputFileException(dir, "source folder not found; give a folder of <spk>-<chapter>-<utt>.wav files.");
        var list = new List<SourceUtterance>();
        foreach (var f in Directory.EnumerateFiles(dir, "*.wav").Order(StringComparer.Ordinal))
        {
            var m = LibriName.Match(Path.GetFileNameWithoutExtension(f));
            if (!m.Success) continue;
            int utt = int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (utt < uttMin || utt > uttMax) continue;
            list.Add(new SourceUtterance("ls" + m.Groups[1].Value, Path.GetFileNameWithoutExtension(f), AudioFile.Read(f)));
        }
        if (list.Count == 0) throw new InvalidInputFileException(dir, "no <spk>-<chapter>-<utt>.wav files in the utterance range; check the folder and --utt-range.");
        return list;
    }

    /// <summary>Simulates one conversation per entry of <see cref="SimulationOptions.SpeakerCounts"/>, all from one seeded generator.</summary>
    public List<SimulatedConversation> SimulateAll()
    {
        var rng = new Random(_o.Seed);
        var all = _pool.Keys.Order(StringComparer.Ordinal).ToList();
        var result = new List<SimulatedConversation>();
        for (int i = 0; i < _o.SpeakerCounts.Count; i++)
        {
            int n = _o.SpeakerCounts[i];
            string uri = $"{_o.Prefix}{i:00}";
            List<Placed>? placed = null;
            double dur = 0;
            List<string> spk = [];
            for (int attempt = 0; attempt < 50; attempt++)
            {
                spk = all.OrderBy(_ => rng.Next()).Take(n).Order(StringComparer.Ordinal).ToList();
                double target = Math.Round(Uniform(rng, _o.MinDuration, _o.MaxDuration), 2);
                (placed, dur) = SimulateOne(rng, spk, target);
                var used = placed.Select(p => p.Speaker).Distinct().Count();
                double last = placed.Count > 0 ? placed.Max(p => p.Onset + p.Duration) : 0;
                if (used == n && last >= 0.85 * target) break;
                placed = null;
            }
            if (placed is null)
                throw new InvalidParameterException("--min-dur", $"{uri}: could not fill {_o.MinDuration}–{_o.MaxDuration} s with {n} speakers from the sources; add utterances or shorten the duration.");
            placed.Sort((a, b) => a.Onset != b.Onset ? a.Onset.CompareTo(b.Onset) : string.CompareOrdinal(a.Speaker, b.Speaker));
            var audio = Render(rng, placed, dur);
            var segs = placed.Select(p => new SimulatedSegment(p.Speaker, Math.Round(p.Onset, 3), Math.Round(p.Duration, 3), p.Utt.Id,
                Math.Round(p.SourceStart, 3), Math.Round(20 * Math.Log10(p.Gain), 2))).ToList();
            result.Add(new SimulatedConversation(uri, audio, segs, spk, Stats(placed, dur, spk)));
        }
        return result;
    }

    private sealed record Placed(double Onset, double Duration, string Speaker, Utt Utt, double SourceStart, double Gain);

    private static double Uniform(Random r, double a, double b) => a + (b - a) * r.NextDouble();

    private (List<Placed>, double) SimulateOne(Random rng, List<string> spk, double target)
    {
        var o = _o;
        var gains = spk.ToDictionary(s => s, s => Math.Pow(10, Uniform(rng, -o.GainDb, o.GainDb) / 20));
        var talk = spk.ToDictionary(s => s, s => Uniform(rng, 0.6, 1.4));
        var queues = spk.ToDictionary(s => s, s => _pool[s].OrderBy(_ => rng.Next()).Select(u => new QueueEntry(u)).ToList());
        var placed = new List<Placed>();

        double Remaining(string s) => queues[s].Sum(q => q.Utt.Chunks.Select((c, j) => (c, j)).Where(p => p.j >= q.Next && !q.Used.Contains(p.j)).Sum(p => p.c.E - p.c.S));
        void Normalise(string s)
        {
            var qs = queues[s];
            while (qs.Count > 0)
            {
                var q = qs[0];
                while (q.Next < q.Utt.Chunks.Count && q.Used.Contains(q.Next)) q.Next++;
                if (q.Next < q.Utt.Chunks.Count) return;
                qs.RemoveAt(0);
            }
        }
        (double Len, double Ov, double Sp) Place(string s, Utt u, List<(double S, double E)> chunks, double onset)
        {
            // Internal pauses longer than 1 s are shortened to 1 s.
            var fixedRel = new List<(double B, double E)>();
            double shift = 0;
            for (int i = 0; i < chunks.Count; i++)
            {
                double b = chunks[i].S - chunks[0].S, e = chunks[i].E - chunks[0].S;
                if (i > 0)
                {
                    double gap = b - (chunks[i - 1].E - chunks[0].S);
                    if (gap > 1.0) shift += gap - 1.0;
                }
                fixedRel.Add((b - shift, e - shift));
            }
            double ov = 0, sp = 0;
            var added = new List<Placed>();
            for (int i = 0; i < chunks.Count; i++)
            {
                double a0 = onset + fixedRel[i].B, a1 = onset + fixedRel[i].E;
                foreach (var p in placed)
                    if (p.Speaker != s) ov += Math.Max(0, Math.Min(a1, p.Onset + p.Duration) - Math.Max(a0, p.Onset));
                added.Add(new Placed(a0, a1 - a0, s, u, chunks[i].S, gains[s]));
                sp += a1 - a0;
            }
            placed.AddRange(added);
            return (fixedRel[^1].E, ov, sp);
        }

        double lead = Uniform(rng, 0.3, 1.2), tail = Uniform(rng, 0.3, 1.0);
        var lastEnd = spk.ToDictionary(s => s, _ => -1.0);
        double tEnd = lead, speechT = 0, ovlT = 0;
        string? prev = null;
        (double S, double E) prevTurn = (0, 0);
        while (true)
        {
            foreach (var s in spk) Normalise(s);
            var cands = spk.Where(s => queues[s].Count > 0).ToList();
            if (cands.Count == 0) break;
            if (prev is not null && cands.Contains(prev) && cands.Count > 1)
                cands = rng.NextDouble() >= o.PSame ? cands.Where(s => s != prev).ToList() : [prev];
            var w = cands.Select(s => talk[s] * Remaining(s)).ToArray();
            string sp = cands[Choose(rng, w)];
            var q0 = queues[sp][0];
            int c0 = q0.Next, k = 1;
            while (c0 + k < q0.Utt.Chunks.Count && !q0.Used.Contains(c0 + k) && rng.NextDouble() < o.PContinue) k++;
            var chunks = q0.Utt.Chunks.GetRange(c0, k);
            double turnLen = chunks[^1].E - chunks[0].S;
            double onset;
            if (prev is null) onset = lead;
            else if (sp == prev) onset = lastEnd[sp] + Uniform(rng, 0.4, 1.2);
            else
            {
                bool wantOvl = speechT > 0 && ovlT / speechT < o.OverlapTarget && rng.NextDouble() < o.POverlap;
                if (wantOvl)
                {
                    double ov = Math.Min(Uniform(rng, 0.3, 2.0), Math.Min(0.6 * (prevTurn.E - prevTurn.S), 0.6 * (chunks[0].E - chunks[0].S)));
                    onset = prevTurn.E - ov;
                }
                else if (rng.NextDouble() < 0.1) onset = tEnd + Uniform(rng, 1.5, 3.0);
                else onset = tEnd + Uniform(rng, 0.15, 1.0);
                // Never before this speaker's own last speech; never a third simultaneous speaker.
                double othersEnd = spk.Where(s => s != sp && s != prev).Select(s => lastEnd[s]).Append(-1.0).Max();
                onset = Math.Max(onset, Math.Max(lastEnd[sp] + 0.2, othersEnd + 0.05));
            }
            if (onset + turnLen > target - tail)
            {
                if (onset >= o.MinDuration * 0.8) break;
                queues[sp].RemoveAt(0);
                continue;
            }
            var (tl, ovl, spt) = Place(sp, q0.Utt, chunks, onset);
            ovlT += ovl; speechT += spt;
            double segS = onset, segE = onset + tl;
            lastEnd[sp] = segE;
            tEnd = Math.Max(tEnd, segE);
            prev = sp; prevTurn = (segS, segE);
            q0.Next = c0 + k;
            // Backchannel: a short unused chunk of another speaker inside a long turn.
            if (tl > 3.0 && spk.Count > 1 && speechT > 0 && ovlT / speechT < o.OverlapTarget && rng.NextDouble() < o.PBackchannel)
            {
                var others = spk.Where(s => s != sp && lastEnd[s] < segS - 0.2).OrderBy(_ => rng.Next()).ToList();
                foreach (var b in others)
                {
                    (QueueEntry Q, int J)? found = null;
                    foreach (var q in queues[b])
                    {
                        for (int j = q.Next; j < q.Utt.Chunks.Count; j++)
                            if (!q.Used.Contains(j) && q.Utt.Chunks[j].E - q.Utt.Chunks[j].S <= 1.6) { found = (q, j); break; }
                        if (found is not null) break;
                    }
                    if (found is not { } f) continue;
                    double bl = f.Q.Utt.Chunks[f.J].E - f.Q.Utt.Chunks[f.J].S;
                    double lb = spk.Where(s => s != sp).Select(s => lastEnd[s] + 0.05).Append(segS + 1.0).Max();
                    double ub = segE - bl - 0.5;
                    if (ub < lb) break;
                    double bOn = Uniform(rng, lb, ub);
                    var (_, bov, bsp) = Place(b, f.Q.Utt, [f.Q.Utt.Chunks[f.J]], bOn);
                    ovlT += bov; speechT += bsp;
                    f.Q.Used.Add(f.J);
                    lastEnd[b] = bOn + bl;
                    break;
                }
            }
        }
        double dur = Math.Round(Math.Max(o.MinDuration, Math.Min(target, tEnd + tail)), 2);
        return (placed, dur);
    }

    private static int Choose(Random rng, double[] w)
    {
        double total = w.Sum(), u = rng.NextDouble() * total, acc = 0;
        for (int i = 0; i < w.Length; i++) { acc += w[i]; if (u < acc) return i; }
        return w.Length - 1;
    }

    private Signal Render(Random rng, List<Placed> placed, double dur)
    {
        int n = (int)Math.Round(dur * _rate);
        var y = new double[n];
        int fade = (int)(0.01 * _rate);
        foreach (var p in placed)
        {
            int s0 = (int)Math.Round(p.SourceStart * _rate), s1 = (int)Math.Round((p.SourceStart + p.Duration) * _rate);
            s1 = Math.Min(s1, p.Utt.X.Length);
            int len = Math.Max(0, s1 - s0), a = (int)Math.Round(p.Onset * _rate);
            int m = Math.Min(len, n - a);
            for (int i = 0; i < m; i++)
            {
                double v = p.Utt.X[s0 + i];
                if (len > 2 * fade)
                {
                    // 10-ms linear fades (linspace(0, 1, fade)) avoid clicks at cut points.
                    if (i < fade) v *= (double)i / (fade - 1);
                    else if (i >= len - fade) v *= (double)(len - 1 - i) / (fade - 1);
                }
                y[a + i] += p.Gain * v;
            }
        }
        double sigma = Math.Pow(10, _o.NoiseDbfs / 20);
        for (int i = 0; i < n; i++) y[i] += sigma * Gaussian(rng);
        double peak = y.Length == 0 ? 0 : y.Max(Math.Abs);
        double scale = peak > 0.98 ? 0.98 / peak : 1;
        // Quantise to 16-bit levels so the in-memory signal equals what the written WAV holds.
        var x = y.Select(v => (float)(Math.Clamp(Math.Round(v * scale * 32768.0), -32768, 32767) / 32768.0)).ToArray();
        return new Signal(x, _rate);
    }

    private static double Gaussian(Random r)
    {
        double u1 = 1.0 - r.NextDouble(), u2 = r.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ConversationStats Stats(List<Placed> placed, double dur, List<string> spk)
    {
        int n = (int)Math.Round(dur * 100);
        var act = new bool[spk.Count, n];
        foreach (var p in placed)
        {
            int si = spk.IndexOf(p.Speaker);
            int a = (int)Math.Round(p.Onset * 100), b = Math.Min(n, (int)Math.Round((p.Onset + p.Duration) * 100));
            for (int t = a; t < b; t++) act[si, t] = true;
        }
        int speech = 0, ovl = 0, maxSim = 0;
        var per = new double[spk.Count];
        for (int t = 0; t < n; t++)
        {
            int c = 0;
            for (int s = 0; s < spk.Count; s++) if (act[s, t]) { c++; per[s] += 0.01; }
            if (c > 0) speech++;
            if (c > 1) ovl++;
            maxSim = Math.Max(maxSim, c);
        }
        return new ConversationStats(speech / 100.0, ovl / 100.0, maxSim, spk.Select((s, i) => (s, per[i])).ToDictionary(p => p.s, p => Math.Round(p.Item2, 2)));
    }

    /// <summary>
    /// Speech chunks of a clean utterance by energy VAD (make_sim.py's <c>energy_vad</c>): 25-ms frames, 10-ms hop,
    /// threshold = 10th percentile + max(6 dB, 30 % of the 10th–99th percentile range); gaps &lt; mergeGap bridged;
    /// chunks &lt; 0.1 s dropped; 0.05 s padding. Returns the chunks (seconds) and the speech RMS.
    /// </summary>
    internal static (List<(double S, double E)> Chunks, double Rms) EnergyChunks(float[] x, int rate, double mergeGap)
    {
        int win = (int)Math.Round(0.025 * rate), hop = (int)Math.Round(0.010 * rate);
        int n = Math.Max(1, 1 + (x.Length - win) / hop);
        var e = new double[n];
        for (int i = 0; i < n; i++)
        {
            double acc = 0;
            for (int j = 0; j < win; j++) { double v = x[Math.Min(i * hop + j, x.Length - 1)]; acc += v * v; }
            e[i] = 10 * Math.Log10(acc / win + 1e-10);
        }
        var sorted = e.Order().ToArray();
        double floor = Percentile(sorted, 10), peak = Percentile(sorted, 99);
        double thr = floor + Math.Max(6.0, 0.30 * (peak - floor));
        var segs = new List<(double S, double E)>();
        for (int i = 0; i < n;)
        {
            if (e[i] > thr)
            {
                int j = i;
                while (j + 1 < n && e[j + 1] > thr) j++;
                segs.Add(((double)i * hop / rate, (double)(j * hop + win) / rate));
                i = j + 1;
            }
            else i++;
        }
        var merged = new List<(double S, double E)>();
        foreach (var s in segs)
            if (merged.Count > 0 && s.S - merged[^1].E < mergeGap) merged[^1] = (merged[^1].S, s.E);
            else merged.Add(s);
        double dur = (double)x.Length / rate;
        var final = new List<(double S, double E)>();
        foreach (var (s, en) in merged)
        {
            if (en - s < 0.10) continue;
            var c = (Math.Max(0, s - 0.05), Math.Min(dur, en + 0.05));
            if (final.Count > 0 && c.Item1 <= final[^1].E) final[^1] = (final[^1].S, c.Item2);
            else final.Add(c);
        }
        double sum = 0; long cnt = 0;
        var mask = new bool[x.Length];
        foreach (var (s, en) in final) for (int i = (int)(s * rate); i < Math.Min(x.Length, (int)(en * rate)); i++) mask[i] = true;
        bool any = mask.Any(b => b);
        for (int i = 0; i < x.Length; i++) if (!any || mask[i]) { sum += (double)x[i] * x[i]; cnt++; }
        return (final, Math.Sqrt(sum / Math.Max(1, cnt) + 1e-12));
    }

    private static double Percentile(double[] sorted, double p)
    {
        // numpy's default linear interpolation.
        double pos = p / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
