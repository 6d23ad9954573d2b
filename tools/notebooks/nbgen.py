#!/usr/bin/env python3
"""Writes notebooks/*.ipynb from the cell sources below (fixed cell ids, VS Code Polyglot metadata, no outputs).
Regenerating a notebook drops its outputs: run `./researchkit notebook run notebooks/*.ipynb --in-place` afterwards
to fill them in again. `python3 nbgen.py notebooks 04` regenerates only the notebooks whose name starts with 04."""
import json, os, sys

META = {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
        "language_info": {"name": "polyglot-notebook"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}}

def code(cid, src):
    return {"cell_type": "code", "execution_count": None, "id": cid,
            "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}},
            "outputs": [], "source": src.strip("\n").splitlines(keepends=True)}

def md(cid, src):
    return {"cell_type": "markdown", "id": cid, "metadata": {}, "source": src.strip("\n").splitlines(keepends=True)}

BUILD = r'''
// Builds the library once if this clone has no Release build yet (the next cell loads it by a relative path).
using System.IO;
var interactiveDll = Path.GetFullPath("../src/ResearchKit.Interactive/bin/Release/net10.0/ResearchKit.Interactive.dll");
if (!File.Exists(interactiveDll))
{
    Console.WriteLine("Building ResearchKit.Interactive (Release), about a minute…");
    var build = System.Diagnostics.Process.Start("dotnet", $"build \"{Path.GetFullPath("../src/ResearchKit.Interactive/ResearchKit.Interactive.csproj")}\" -c Release -nologo -v q");
    build.WaitForExit();
}
'''

LOAD = r'''
#r "../src/ResearchKit.Interactive/bin/Release/net10.0/ResearchKit.dll"
#r "../src/ResearchKit.Interactive/bin/Release/net10.0/ResearchKit.Interactive.dll"
#r "../src/ResearchKit.Interactive/bin/Release/net10.0/Microsoft.Data.Analysis.dll"
using System.IO;
using System.Linq;
using Microsoft.Data.Analysis;
using ResearchKit;
using ResearchKit.Annotations;
using ResearchKit.Audio;
using ResearchKit.Clustering;
using ResearchKit.Features;
using ResearchKit.Interactive;
using ResearchKit.Plotting;
using ResearchKit.Scoring;
Console.WriteLine(ResearchKitFormatters.Register());
'''

# Notebooks 02 and 03 also use the pipelines, experiments and models.
LOAD_PIPELINES = LOAD.replace("using ResearchKit.Scoring;\n", "using ResearchKit.Scoring;\nusing ResearchKit.Datasets;\nusing ResearchKit.Experiments;\nusing ResearchKit.Models;\nusing ResearchKit.Pipelines;\n")

# The newest bundled embedding model (researchkit-xvector-v<N>.onnx, highest N), or null.
BUNDLED_MODEL = r'''
static string NewestBundledModel(string dir) => Directory.Exists(dir)
    ? Directory.GetFiles(dir, "researchkit-xvector-v*.onnx").OrderBy(f => int.TryParse(Path.GetFileNameWithoutExtension(f).Split("-v").Last(), out var v) ? v : 0).LastOrDefault()
    : null;
'''

def data_root(sub, what):
    return r'''
// dataRoot: a folder holding a full corpus laid out like the bundled one (%s). Leave null to use the bundled data.
string dataRoot = null;
string dataDir = dataRoot is not null && Directory.Exists(Path.Combine(dataRoot, "%s")) ? Path.Combine(dataRoot, "%s") : "../data/%s";
if (dataRoot is null || !Directory.Exists(Path.Combine(dataRoot, "%s")))
    Console.WriteLine($"Notice: dataRoot {(dataRoot is null ? "is not set" : $"'{dataRoot}' has no %s folder")}; using the bundled data in {dataDir}.");
''' % (what, sub, sub, sub, sub, sub)

nb05 = [
    md("title", r'''
# 05 · Speaker similarity

The GhostVLAD seed's 4-person check (4 people × 3 utterances, `data/4persons`) and the same check on
`data/librispeech-mini` (10 speakers × 3 utterances): distance matrices as heatmaps with one box per speaker,
a 2-D PCA projection, an AHC dendrogram with its cut, and the equal error rate (EER) and minDCF over all utterance
pairs (`ResearchKit.Verification`: `EmbeddingEvaluation`, `VerificationMetrics`).

Two embedders side by side, one embedding per whole utterance, compared with cosine distance:
- **MFCC statistics** (`MfccStatisticsEmbedder(13)`: mean and standard deviation of Kaldi MFCCs c1–c12, no training),
- the **bundled neural model** (`data/models/researchkit-xvector-v*.onnx`, an x-vector TDNN trained on LibriSpeech
  train-clean-100 speakers; none of the speakers here were used in training),

with the seed's own GhostVLAD distances (from its README) for comparison. With 12 target pairs on 4persons, one pair
moves the EER by about 8 points: read these as a demonstration of the tools, not as a benchmark.
'''),
    code("build", BUILD),
    code("load", LOAD.replace("using ResearchKit.Scoring;\n", "using ResearchKit.Scoring;\nusing ResearchKit.Models;\nusing ResearchKit.Pipelines;\nusing ResearchKit.Verification;\n")),
    code("dataroot", data_root("4persons", "data/4persons: <speaker>_<n>.wav + labels.tsv")),
    code("embedders", BUNDLED_MODEL + r'''
string modelPath = NewestBundledModel("../data/models");
var embedders = new List<ISpeakerEmbedder> { new MfccStatisticsEmbedder(numCeps: 13) };
if (modelPath is not null) embedders.Add(OnnxSpeakerEmbedder.WeSpeaker(modelPath, OnnxSpeakerEmbedder.WeSpeakerFrontEnd));
else Console.WriteLine("Notice: no bundled model data/models/researchkit-xvector-v*.onnx; only MFCC statistics are shown.");
static double[,] ToDouble(float[,] x) { var y = new double[x.GetLength(0), x.GetLength(1)]; for (int i = 0; i < x.GetLength(0); i++) for (int j = 0; j < x.GetLength(1); j++) y[i, j] = x[i, j]; return y; }
Console.WriteLine("embedders: " + string.Join(", ", embedders.Select(e => $"{e.Name} ({e.Dimension}-dim)")));
'''),
    md("upstream-md", "## The seed's own 12×12 distance matrix (GhostVLAD, from the upstream README)"),
    code("upstream", r'''
var tsv = File.ReadAllLines(Path.Combine(dataDir, "upstream_distance_matrix.tsv"));
string[] names = tsv[0].Split('\t')[1..];
var upstream = new double[names.Length, names.Length];
for (int i = 0; i < names.Length; i++)
{
    var cells = tsv[i + 1].Split('\t');
    for (int j = 0; j < names.Length; j++) upstream[i, j] = double.Parse(cells[j + 1], System.Globalization.CultureInfo.InvariantCulture);
}
string[] speakers = names.Select(n => n.Split('_')[0]).ToArray();
Charts.SimilarityMatrix(upstream, names, speakers, "GhostVLAD seed: cosine distances (upstream)", "cosine distance")
'''),
    md("ours-md", "## Our embedders on the same 12 utterances"),
    code("embed", r'''
var four = SpeakerCorpus.Load(dataDir);
var sw = System.Diagnostics.Stopwatch.StartNew();
var reports4 = embedders.Select(e => EmbeddingEvaluation.Run(four, e)).ToArray();
string[] names4 = four.Utterances.Select(u => Path.GetFileNameWithoutExtension(u.Path)).ToArray();
Console.WriteLine($"{names4.Length} utterances × {embedders.Count} embedders in {sw.Elapsed.TotalSeconds:0.0} s");
foreach (var r in reports4)
    display(Charts.SimilarityMatrix(r.CosineDistance, names4, r.Labels.ToArray(), $"4persons, {r.Model}: cosine distances", "cosine distance"));
'''),
    code("pca4", r'''
foreach (var r in reports4)
    display(Charts.Projection(ToDouble(r.Embeddings), r.Labels.ToArray(), names4, $"4persons: PCA of {r.Model} embeddings"));
'''),
    code("dendro4", r'''
// Average-linkage AHC on cosine distances (scipy-identical linkage) of the last embedder, cut to 4 clusters.
var last4 = reports4[^1];
var z4 = Linkage.Compute(ToDouble(last4.Embeddings), LinkageMethod.Average, DistanceMetric.Cosine);
var flat4 = Dendrogram.ClustersByCount(z4, 4);
double cut4 = z4[z4.GetLength(0) - 4, 2] + 1e-9; // just above the merge that leaves 4 clusters
Console.WriteLine("clusters: " + string.Join(" ", names4.Zip(flat4, (n, c) => $"{n}→{c}")));
Charts.Dendrogram(z4, names4, cut4, $"4persons: AHC (average, cosine) on {last4.Model}, cut at 4 clusters")
'''),
    md("eer-md", r'''
## Equal error rate over pairs
Every unordered pair of utterances is a trial (same speaker = target). `VerificationMetrics` sweeps the score
threshold over every trial and reports the EER (miss rate = false-alarm rate, interpolated on the ROC) and the
minimum normalised detection cost at P(target) = 0.01. The upstream matrix only has distances, so its trials are
scored with −distance.
'''),
    code("eer", r'''
static VerificationResult FromDistances(double[,] d, string[] spk)
{
    var target = new List<double>(); var nontarget = new List<double>();
    for (int i = 0; i < spk.Length; i++) for (int j = i + 1; j < spk.Length; j++) (spk[i] == spk[j] ? target : nontarget).Add(-d[i, j]);
    return VerificationMetrics.FromScores(target, nontarget);
}
var eerUp = FromDistances(upstream, speakers);
Console.WriteLine($"4persons GhostVLAD (upstream): EER {eerUp.Eer:P1} ({eerUp.TargetTrials} target / {eerUp.NonTargetTrials} non-target pairs)");
foreach (var r in reports4) Console.WriteLine($"4persons {r.Model}: EER {r.Result.Eer:P1}, minDCF {r.Result.MinDcf:0.000}");
'''),
    md("libri-md", "## The same on librispeech-mini (10 speakers × 3 utterances)"),
    code("libri", r'''
string libriDir = dataRoot is not null && Directory.Exists(Path.Combine(dataRoot, "librispeech-mini")) ? Path.Combine(dataRoot, "librispeech-mini") : "../data/librispeech-mini";
var libri = SpeakerCorpus.Load(libriDir);
var reportsL = embedders.Select(e => EmbeddingEvaluation.Run(libri, e)).ToArray();
string[] libriNames = libri.Utterances.Select(u => Path.GetFileNameWithoutExtension(u.Path)).ToArray();
foreach (var r in reportsL) Console.WriteLine($"librispeech-mini {r.Model}: EER {r.Result.Eer:P1}, minDCF {r.Result.MinDcf:0.000} ({r.Result.TargetTrials} target / {r.Result.NonTargetTrials} non-target pairs)");
Charts.SimilarityMatrix(reportsL[^1].CosineDistance, libriNames, reportsL[^1].Labels.ToArray(), $"librispeech-mini, {reportsL[^1].Model}: cosine distances", "cosine distance")
'''),
    code("pcaL", r'''
foreach (var r in reportsL)
    display(Charts.Projection(ToDouble(r.Embeddings), r.Labels.ToArray(), null, $"librispeech-mini: PCA of {r.Model} embeddings"));
'''),
    code("table", r'''
var rows = new List<(string Data, string Model, VerificationResult R)> { ("4persons", "GhostVLAD (upstream)", eerUp) };
rows.AddRange(reports4.Select(r => ("4persons", r.Model, r.Result)));
rows.AddRange(reportsL.Select(r => ("librispeech-mini", r.Model, r.Result)));
new DataFrame(
    new StringDataFrameColumn("data", rows.Select(r => r.Data)), new StringDataFrameColumn("embeddings", rows.Select(r => r.Model)),
    new DoubleDataFrameColumn("EER %", rows.Select(r => 100 * r.R.Eer)), new DoubleDataFrameColumn("minDCF (0.01)", rows.Select(r => r.R.MinDcf)),
    new Int32DataFrameColumn("target pairs", rows.Select(r => r.R.TargetTrials)), new Int32DataFrameColumn("non-target pairs", rows.Select(r => r.R.NonTargetTrials)))
'''),
]

nb01 = [
    md("title", r'''
# 01 · Features and frame clustering

The malaya-speech seed's recipe on the bundled 30 s two-speaker recording (`data/pyannote-sample`, manual RTTM):
waveform and reference timeline; power spectrogram, the seed's log-mel (malaya-speech STTFeaturizer) and Kaldi
MFCCs; frame features pooled into 1 s windows
(0.5 s step), non-speech windows dropped with the energy VAD, each dimension z-scored → spectral clustering
(`SpectralOptions.Malaya`, number of speakers from the eigengap within 2–8) → timeline; log-mel and MFCC side by side with
the DER of each (md-eval convention, no collar, whole file scored).
'''),
    code("build", BUILD),
    code("load", LOAD),
    code("dataroot", data_root("pyannote-sample", "data/pyannote-sample: sample.wav + sample.rttm")),
    code("audio", r'''
var signal = AudioFile.Read(Path.Combine(dataDir, "sample.wav"));
var reference = Rttm.ReadAnnotations(Path.Combine(dataDir, "sample.rttm")).Values.Single();
Console.WriteLine($"{signal}; reference: {reference.Labels().Count} speakers, {reference.Count} turns");
Charts.Diarization(reference, null, signal, "sample.wav: waveform and reference speakers")
'''),
    code("features", r'''
// Power spectrogram (torchaudio geometry: 400-point FFT, 10 ms hop) in dB; the malaya-speech seed's log-mel
// (STTFeaturizer: 50 ms frames, 30 ms stride, 80 Slaney mels); Kaldi MFCC (25 ms / 10 ms, 13 cepstra).
var spec = LogScale.PowerToDb(Spectrogram.Compute(signal, SpectrogramOptions.Torchaudio with { HopLength = 160 }));
var logMel = LogMel.Compute(signal, LogMelOptions.MalayaSttFeaturizer);
var mfcc = KaldiMfcc.ComputeDouble(signal, MfccOptions.Kaldi);
Console.WriteLine($"spectrogram {spec.GetLength(0)}×{spec.GetLength(1)}, malaya log-mel {logMel.GetLength(0)}×{logMel.GetLength(1)}, MFCC {mfcc.GetLength(0)}×{mfcc.GetLength(1)}");
Charts.FeatureStack(
    ("power spectrogram (dB, 201 FFT bins)", spec, 0.010),
    ("log-mel, malaya-speech STTFeaturizer (80 mels, 30 ms stride)", logMel, 0.030),
    ("MFCC (Kaldi, 13 cepstra)", mfcc, 0.010))
'''),
    code("cluster", r'''
// Frames (10 ms) → mean over 1 s windows every 0.5 s → spectral clustering → turns centred on each window.
const double Win = 1.0, Step = 0.5;
static double[,] Pool(double[,] f, double shift)
{
    int frames = f.GetLength(0), d = f.GetLength(1), w = (int)Math.Round(Win / shift), s = (int)Math.Round(Step / shift);
    int n = Math.Max(1, (frames - w) / s + 1);
    var x = new double[n, d];
    for (int i = 0; i < n; i++)
        for (int t = i * s; t < Math.Min(frames, i * s + w); t++)
            for (int j = 0; j < d; j++) x[i, j] += f[t, j] / (double)w;
    return x;
}
// Speech only: windows whose centre is outside the energy VAD's speech regions get no label (-1).
var speech = ResearchKit.Models.EnergyVad.Detect(signal);
Console.WriteLine($"energy VAD: {speech.Count} speech regions, {speech.Sum(s => s.Duration):0.0} s of {signal.Duration:0.0} s");
// z-score each dimension over the speech windows: cosine affinities then compare shapes, not the common offset.
static double[,] Standardise(double[,] x, bool[] keep)
{
    int n = x.GetLength(0), d = x.GetLength(1), m = keep.Count(k => k);
    var y = new double[m, d];
    for (int j = 0; j < d; j++)
    {
        double mean = 0, sq = 0;
        for (int i = 0; i < n; i++) if (keep[i]) { mean += x[i, j]; sq += x[i, j] * x[i, j]; }
        mean /= m;
        double sd = Math.Sqrt(Math.Max(1e-12, sq / m - mean * mean));
        for (int i = 0, r = 0; i < n; i++) if (keep[i]) y[r++, j] = (x[i, j] - mean) / sd;
    }
    return y;
}
var spectral = new SpectralClustering(SpectralOptions.Malaya);
// Window i covers [i·Step, i·Step + Win]; its label is drawn on the Step-long slice around the window centre.
var slices = new ResearchKit.Pipelines.SlidingWindow(Win / 2 - Step / 2, Step, Step);
Annotation Diarize(double[,] features, double shift, string name)
{
    var pooled = Pool(features, shift);
    var keep = Enumerable.Range(0, pooled.GetLength(0)).Select(i => speech.Any(s => s.Contains(i * Step + Win / 2))).ToArray();
    var result = spectral.Run(Standardise(pooled, keep), SpeakerCount.Between(2, 8));   // eigengap within 2–8 speakers
    var labels = new int[keep.Length];
    for (int i = 0, r = 0; i < keep.Length; i++) labels[i] = keep[i] ? result.Labels[r++] : -1;
    var turns = ResearchKit.Pipelines.PostProcessing.TurnsFromFrameLabels(labels, slices, signal.Duration);
    Console.WriteLine($"{name}: {result.Labels.Length} windows, {result.ChosenK} clusters (eigengap), {turns.Count} turns");
    return new Annotation("sample", turns.Select(t => (t.Start, t.End, t.Label)));
}
var hypMel = Diarize(logMel, 0.030, "malaya log-mel");
var hypMfcc = Diarize(mfcc, 0.010, "MFCC");
'''),
    code("timeline-mel", r'''
Charts.Diarization(reference, hypMel, signal, "malaya log-mel → spectral clustering vs reference")
'''),
    code("timeline-mfcc", r'''
Charts.Diarization(reference, hypMfcc, signal, "MFCC → spectral clustering vs reference")
'''),
    code("der", r'''
var scores = new[] { ("malaya log-mel", DiarizationScorer.ScoreFile(reference, hypMel, DerOptions.MdEval)),
                     ("MFCC", DiarizationScorer.ScoreFile(reference, hypMfcc, DerOptions.MdEval)) };
var derTable = new DataFrame(
    new StringDataFrameColumn("features", scores.Select(s => s.Item1)),
    new DoubleDataFrameColumn("DER %", scores.Select(s => s.Item2.DerPercent ?? double.NaN)),
    new DoubleDataFrameColumn("miss %", scores.Select(s => s.Item2.MissedPercent ?? double.NaN)),
    new DoubleDataFrameColumn("false alarm %", scores.Select(s => s.Item2.FalseAlarmPercent ?? double.NaN)),
    new DoubleDataFrameColumn("confusion %", scores.Select(s => s.Item2.ConfusionPercent ?? double.NaN)),
    new Int32DataFrameColumn("speakers (hyp/ref)", scores.Select(s => s.Item2.HypothesisSpeakers)));
derTable
'''),
    code("der-bars", r'''
Charts.DerBars(new[] { "sample" }, scores.ToDictionary(s => s.Item1, s => new[] { (s.Item2.DerPercent ?? double.NaN) / 100 }), "DER by feature (md-eval, collar 0)")
'''),
]

nb04 = [
    md("title", r'''
# 04 · DER on VoxConverse

With `dataRoot` set to a VoxConverse folder (`audio/` + v0.3 `dev/`/`test/` RTTMs) this notebook scores a
system's RTTMs for that split. With the bundled data it scores the bundled hypotheses — 7 synthetic systems
(perturbed copies of the references: miss, false alarm, confusion, jitter, merge/split, exclusive, identity) on
40 VoxConverse dev files (`tests/fixtures/der/sys`) — against the VoxConverse v0.3 dev references
(`data/voxconverse-rttm/dev`, CC BY 4.0). ResearchKit's scorer matches md-eval-22.pl and dscore number for number
(tests/fixtures/der).

## Collar conventions
- **md-eval-22.pl** `-c 0.25` removes 0.25 s on *each side* of every reference boundary (0.5 s in total);
  `-1` limits scoring to single-speaker regions (overlap out); without a UEM a file is scored from its first reference
  onset to its last reference offset.
- **dscore** passes its `--collar` to md-eval unchanged (same 0.25 s per side) but scores from the earliest onset to
  the latest offset over reference *and* hypothesis, merges overlapping same-speaker turns and rounds times to ms.
- **pyannote.metrics** `DiarizationErrorRate(collar=0.5)` means 0.5 s *in total* (0.25 s per side):
  `DerOptions.CollarFromPyannote(0.5)` = 0.25. "Overlap out" = pyannote's `skip_overlap=True` = md-eval `-1` =
  dscore `--ignore_overlaps` = `DerOptions.SkipOverlap`: overlapped speech is not scored.
'''),
    code("build", BUILD),
    code("load", LOAD),
    code("dataroot", r'''
// dataRoot: a VoxConverse folder with <split>/*.rttm references and, to score a system, hypotheses under sys/<name>/.
// Leave null to score the bundled synthetic systems on 40 dev files.
string dataRoot = null;
string split = "dev";
string refDir = dataRoot is not null && Directory.Exists(Path.Combine(dataRoot, split)) ? Path.Combine(dataRoot, split) : Path.Combine("../data/voxconverse-rttm", split);
string sysRoot = dataRoot is not null && Directory.Exists(Path.Combine(dataRoot, "sys")) ? Path.Combine(dataRoot, "sys") : "../tests/fixtures/der/sys";
if (dataRoot is null || !Directory.Exists(Path.Combine(dataRoot, split)))
    Console.WriteLine($"Notice: dataRoot {(dataRoot is null ? "is not set" : $"'{dataRoot}' has no {split} folder")}; scoring the bundled hypotheses in {sysRoot} against {refDir}.");
'''),
    code("read", r'''
var allRefs = Rttm.ReadAnnotations(refDir);
var systems = Directory.GetDirectories(sysRoot).OrderBy(d => d, StringComparer.Ordinal)
    .ToDictionary(d => Path.GetFileName(d), d => Rttm.ReadAnnotations(d));
// Score only the files the systems cover (the bundled ones cover 40 of the 216 dev files).
var fileIds = systems.Values.First().Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
var refs = fileIds.ToDictionary(id => id, id => allRefs[id]);
Console.WriteLine($"{refs.Count} files, {refs.Values.Sum(a => a.Count)} reference turns; systems: {string.Join(", ", systems.Keys)}");
'''),
    code("overall", r'''
var conventions = new (string Name, DerOptions Options)[]
{
    ("md-eval, collar 0", DerOptions.MdEval),
    ("md-eval, collar 0.25", DerOptions.MdEvalCollar025),
    ("md-eval, collar 0.25, overlap out", DerOptions.MdEvalCollar025 with { SkipOverlap = true }),
    ("dscore, collar 0.25", DerOptions.Dscore with { Collar = 0.25 }),
};
var reports = systems.ToDictionary(s => s.Key, s => conventions.Select(c => DiarizationScorer.Score(refs, s.Value, c.Options with { ComputeJer = false })).ToArray());
var overall = new DataFrame(new StringDataFrameColumn("system", systems.Keys));
for (int c = 0; c < conventions.Length; c++)
    overall.Columns.Add(new DoubleDataFrameColumn($"DER % ({conventions[c].Name})", systems.Keys.Select(s => reports[s][c].Total.DerPercent ?? double.NaN)));
overall
'''),
    code("perfile", r'''
// Per-file scores of one system (md-eval, collar 0.25): the ScoreReport displays as a table.
reports["jitter"][1]
'''),
    code("bars", r'''
var shown = new[] { "confusion", "jitter", "mergesplit" };
Charts.DerBars(fileIds.Take(12).ToArray(),
    shown.ToDictionary(s => s, s => reports[s][1].Files.Take(12).Select(f => (f.DerPercent ?? double.NaN) / 100).ToArray()),
    "DER per file (md-eval, collar 0.25), first 12 files")
'''),
    code("count", r'''
var ms = reports["mergesplit"][1].Files;
Charts.SpeakerCountErrors(ms.Select(f => f.HypothesisSpeakers).ToArray(), ms.Select(f => f.ReferenceSpeakers).ToArray(),
    "merge/split system: speaker-count error per file")
'''),
    code("timeline", r'''
string file = fileIds[0];
Charts.Diarization(refs[file], systems["confusion"][file], null, $"{file}: reference vs the confusion system")
'''),
]

nb02 = [
    md("title", r'''
# 02 · MFCC vs embedding clustering

The bundled conversations (`data/conversations`: 3 simulated LibriSpeech conversations with 2–4 speakers, the
pyannote sample, 2 AMI excerpts; 4.6 minutes) through
- **frame-MFCC clustering** (`FrameClusteringPipeline`, the malaya-speech seed: MFCC per frame → energy VAD → pooled,
  standardised frames → average-linkage cosine AHC),
- **window-embedding clustering** (`WindowEmbeddingPipeline`, the GhostVLAD/UIS-RNN seed: 1.5 s windows with 50 %
  overlap over speech → one embedding per window → AHC) with two embedders: MFCC statistics (mean + std, no training)
  and the bundled neural model (`data/models/researchkit-xvector-v*.onnx`, an x-vector TDNN trained on LibriSpeech
  train-clean-100 speakers, none of them in these files),
- the **pyannote-style pipeline** (`PyannotePipeline`) only when your own segmentation-3.0 and WeSpeaker ONNX files are
  in `dataRoot/models`.

Every method uses its default options (threshold tuning is notebook 03). DER follows md-eval-22.pl: overlap scored,
UEM = whole file, collar 0 and 0.25 s. The paired bootstrap resamples *files* to say whether a DER difference is more
than the luck of which recordings were chosen.
'''),
    code("build", BUILD),
    code("load", LOAD_PIPELINES),
    code("dataroot", r'''
// dataRoot: a folder with conversations/ (<id>.wav + <id>.rttm [+ <id>.uem]) and optionally models/ (pyannote ONNX files).
// Leave null to use the bundled data.
string dataRoot = null;
string dataDir = dataRoot is not null && Directory.Exists(Path.Combine(dataRoot, "conversations")) ? Path.Combine(dataRoot, "conversations") : "../data/conversations";
string modelsDir = dataRoot is null ? null : Path.Combine(dataRoot, "models");
if (dataRoot is null || !Directory.Exists(Path.Combine(dataRoot, "conversations")))
    Console.WriteLine($"Notice: dataRoot {(dataRoot is null ? "is not set" : $"'{dataRoot}' has no conversations folder")}; using the bundled data in {dataDir}.");
var dataset = Dataset.RttmFolder(dataDir);
Console.WriteLine($"{dataset.Items.Count(i => i.IsPaired)} paired files: {string.Join(", ", dataset.Items.Select(i => i.Id))}");
'''),
    code("methods", BUNDLED_MODEL + r'''
string modelPath = NewestBundledModel("../data/models");
var methods = new List<IDiarizationPipeline>
{
    PipelineFactory.Create("frames"),                                                   // frames-mfcc
    PipelineFactory.Create("windows"),                                                  // windows-mfcc-stats20
};
if (modelPath is not null)
    methods.Add(PipelineFactory.Create("windows", embedder: OnnxSpeakerEmbedder.WeSpeaker(modelPath, OnnxSpeakerEmbedder.WeSpeakerFrontEnd)));
else Console.WriteLine("Notice: no bundled model data/models/researchkit-xvector-v*.onnx; the neural embedder is left out.");
// The pyannote-style pipeline needs real segmentation-3.0 + WeSpeaker weights, which are not bundled.
if (modelsDir is not null && Directory.Exists(modelsDir) && Directory.GetFiles(modelsDir, "*segmentation*.onnx").Length > 0)
    methods.Add(PyannotePipeline.Open(modelsDir));
else Console.WriteLine("Notice: no dataRoot/models folder with a *segmentation*.onnx and a WeSpeaker ONNX: the pyannote pipeline is skipped.");
Console.WriteLine("methods: " + string.Join(", ", methods.Select(m => m.Name)));   // m.Fingerprint lists every option
'''),
    code("run", r'''
// Every method on every file, scored at collar 0; then re-scored at collar 0.25 s. One file at a time: an
// OnnxSpeakerEmbedder reuses its input buffers, so one instance must not embed from two threads at once.
var runs = new ExperimentRunner { MaxParallelism = 1 }.Run(dataset, methods);
var results = new ResultTable(runs.Select(r => r.Row));
var refs = dataset.Items.ToDictionary(i => i.Id, i => i.LoadReference());
var uems = dataset.Items.ToDictionary(i => i.Id, i => i.LoadUem());
var results025 = new ResultTable(runs.Select(r => ExperimentRunner.Score(r.Row.Config, r.Row.File, r.Row.AudioSeconds, refs[r.Row.File], r.Hypothesis, uems[r.Row.File], DerOptions.MdEvalCollar025)));
string[] names = results.Configs.ToArray(), files = results.Rows.Select(r => r.File).Distinct().ToArray();
Console.WriteLine($"{runs.Count} runs");
'''),
    md("table-md", "## DER per method (pooled over the files)"),
    code("table", r'''
var s0 = results.Summary(); var s25 = results025.Summary();
new DataFrame(
    new StringDataFrameColumn("method", s0.Select(s => s.Config)),
    new DoubleDataFrameColumn("DER % (collar 0)", s0.Select(s => s.DerPercent)),
    new DoubleDataFrameColumn("miss %", s0.Select(s => s.MissedPercent)),
    new DoubleDataFrameColumn("false alarm %", s0.Select(s => s.FalseAlarmPercent)),
    new DoubleDataFrameColumn("confusion %", s0.Select(s => s.ConfusionPercent)),
    new DoubleDataFrameColumn("DER % (collar 0.25)", s25.Select(s => s.DerPercent)),
    new DoubleDataFrameColumn("mean |Δ speakers|", s0.Select(s => s.MeanAbsSpeakerCountError)))
'''),
    code("perfile", r'''
// DER per file and method (collar 0): one column per method.
var perFile = new DataFrame(new StringDataFrameColumn("file", files));
foreach (var m in names)
    perFile.Columns.Add(new DoubleDataFrameColumn(m, files.Select(f => results.Rows.Single(r => r.Config == m && r.File == f).DerPercent)));
perFile
'''),
    code("bars", r'''
Charts.DerBars(files, names.ToDictionary(m => m, m => files.Select(f => results.Rows.Single(r => r.Config == m && r.File == f).DerPercent / 100).ToArray()),
    "DER per file and method (md-eval, collar 0, overlap scored)")
'''),
    md("timelines-md", r'''
## Error timelines
Reference rows on top, each method's hypothesis below; hypothesis speakers are drawn in the colour of the reference
speaker the scorer maps them to (the optimal md-eval mapping), and the regions the DER counts are shaded: missed
speech red, false alarm orange, confusion purple. Change `file` and re-run the cell to look at another recording.
'''),
    code("timelines", r'''
string file = "simdev03";
foreach (var m in names)
    display(Charts.Diarization(refs[file], runs.Single(r => r.Row.Config == m && r.Row.File == file).Hypothesis, null,
        $"{file}: {m}, DER {results.Rows.Single(r => r.Config == m && r.File == file).DerPercent:0.0} %"));
'''),
    md("bootstrap-md", r'''
## Is the difference real? Paired bootstrap over files
For each pair of methods: resample the files with replacement 10 000 times, compute both pooled DERs on the same
resample, and take the 2.5 and 97.5 percentiles of B − A (`ResultTable.Compare`, `PairedBootstrap`). An interval that
excludes 0 means the difference does not depend on which of these files were chosen; with six files the intervals are wide.
'''),
    code("bootstrap", r'''
var pairs = names.SelectMany((a, i) => names.Skip(i + 1).Select(b => (A: a, B: b))).ToArray();
var boots = pairs.Select(p => (p.A, p.B, C0: results.Compare(p.A, p.B), C25: results025.Compare(p.A, p.B))).ToArray();
new DataFrame(
    new StringDataFrameColumn("A", boots.Select(b => b.A)), new StringDataFrameColumn("B", boots.Select(b => b.B)),
    new DoubleDataFrameColumn("ΔDER B−A (c0)", boots.Select(b => b.C0.Observed)),
    new StringDataFrameColumn("95 % CI (c0)", boots.Select(b => $"[{b.C0.Lower:+0.00;-0.00}, {b.C0.Upper:+0.00;-0.00}]")),
    new StringDataFrameColumn("significant (c0)", boots.Select(b => b.C0.ExcludesZero ? "yes" : "no")),
    new DoubleDataFrameColumn("ΔDER B−A (c0.25)", boots.Select(b => b.C25.Observed)),
    new StringDataFrameColumn("95 % CI (c0.25)", boots.Select(b => $"[{b.C25.Lower:+0.00;-0.00}, {b.C25.Upper:+0.00;-0.00}]")))
'''),
    md("stages-md", r'''
## One run, every stage
A pipeline result keeps every intermediate; displayed, it shows its stages with timings, the counts of its
intermediates and the output timeline.
'''),
    code("stages", r'''
var item = dataset.Items.Single(i => i.Id == file);
methods[^1].Run(item.LoadSignal(), null, item.Id)
'''),
]

nb03 = [
    md("title", r'''
# 03 · Threshold tuning

Window-embedding clustering (`WindowEmbeddingPipeline`) on the bundled conversations, with the embeddings computed
**once** and kept in an `EmbeddingCache` (keyed by audio hash, model hash and the embedding-stage options): every
threshold of a sweep then re-runs only the clustering. We sweep
- the distance threshold of average-linkage cosine AHC (the pipeline's default clusterer),
- the `p_percentile` of spectral clustering (spectralcluster's ICASSP 2018 refinement: each row of the affinity keeps
  its entries above that percentile),

plot DER against each with its components (miss, false alarm, confusion) and the best point, look at speaker-count
errors at the best threshold, redraw one timeline by changing one variable, and finally show the trade-off the
GhostVLAD/UIS-RNN seed describes between window length and overlap. Tuning and evaluating on the same six files
overstates the gain: with a corpus, tune on dev and report on test.
'''),
    code("build", BUILD),
    code("load", LOAD_PIPELINES),
    code("dataroot", r'''
// dataRoot: a folder with conversations/ (<id>.wav + <id>.rttm [+ <id>.uem]). Leave null to use the bundled data.
string dataRoot = null;
string dataDir = dataRoot is not null && Directory.Exists(Path.Combine(dataRoot, "conversations")) ? Path.Combine(dataRoot, "conversations") : "../data/conversations";
if (dataRoot is null || !Directory.Exists(Path.Combine(dataRoot, "conversations")))
    Console.WriteLine($"Notice: dataRoot {(dataRoot is null ? "is not set" : $"'{dataRoot}' has no conversations folder")}; using the bundled data in {dataDir}.");
var dataset = Dataset.RttmFolder(dataDir);
var refs = dataset.Items.ToDictionary(i => i.Id, i => i.LoadReference());
var uems = dataset.Items.ToDictionary(i => i.Id, i => i.LoadUem());
Console.WriteLine($"{refs.Count} files: {string.Join(", ", refs.Keys)}");
'''),
    code("embedder", BUNDLED_MODEL + r'''
// The bundled neural model when present, else the MFCC-statistics baseline.
string modelPath = NewestBundledModel("../data/models");
ISpeakerEmbedder embedder = modelPath is not null ? OnnxSpeakerEmbedder.WeSpeaker(modelPath, OnnxSpeakerEmbedder.WeSpeakerFrontEnd) : new MfccStatisticsEmbedder();
// cacheDir: set a folder (e.g. "../artifacts/embedding-cache") to keep the embeddings on disk between sessions.
string cacheDir = null;
var cache = new EmbeddingCache(cacheDir);
// The sweeps below run one file at a time (parallelism: 1): an OnnxSpeakerEmbedder must not embed from two threads at once.
Console.WriteLine($"embedder: {embedder.Name} ({embedder.Dimension}-dim)");
'''),
    md("ahc-md", "## AHC: DER against the distance threshold"),
    code("ahc", r'''
double[] ahcThresholds = Enumerable.Range(0, 21).Select(i => Math.Round(0.5 + 0.05 * i, 2)).ToArray();
var sw = System.Diagnostics.Stopwatch.StartNew();
var ahc = Sweep.Run(dataset, new ParameterGrid().Add("clustering.threshold", ahcThresholds), p => PipelineFactory.Create("windows", p, embedder), cache, parallelism: 1);
Console.WriteLine($"{ahcThresholds.Length} thresholds × {refs.Count} files in {sw.Elapsed.TotalSeconds:0.0} s; embeddings computed {cache.Misses}×, reused {cache.Hits}×");
var ahcSum = ahc.Summary();
Charts.DerCurve(ahcThresholds, ahcSum.Select(s => s.MissedPercent / 100).ToArray(), ahcSum.Select(s => s.FalseAlarmPercent / 100).ToArray(),
    ahcSum.Select(s => s.ConfusionPercent / 100).ToArray(), $"AHC (average, cosine) on {embedder.Name}: DER vs threshold (collar 0)", "distance threshold")
'''),
    code("best", r'''
int bestIndex = Charts.BestIndex(ahcSum.Select(s => s.MissedPercent).ToArray(), ahcSum.Select(s => s.FalseAlarmPercent).ToArray(), ahcSum.Select(s => s.ConfusionPercent).ToArray());
double bestThreshold = ahcThresholds[bestIndex];
var atDefault = ahcSum[Array.IndexOf(ahcThresholds, 1.0)];
Console.WriteLine($"best threshold {bestThreshold}: DER {ahcSum[bestIndex].DerPercent:0.00} % (default 1.0: {atDefault.DerPercent:0.00} %), mean |Δ speakers| {ahcSum[bestIndex].MeanAbsSpeakerCountError:0.00}");
'''),
    code("count", r'''
// Speaker-count error per file at the best threshold (found − reference speakers).
var bestRows = ahc.Rows.Where(r => r.Config == ahcSum[bestIndex].Config).ToArray();
display(new DataFrame(new StringDataFrameColumn("file", bestRows.Select(r => r.File)), new Int32DataFrameColumn("reference speakers", bestRows.Select(r => r.ReferenceSpeakers)),
    new Int32DataFrameColumn("found", bestRows.Select(r => r.HypothesisSpeakers)), new DoubleDataFrameColumn("DER %", bestRows.Select(r => r.DerPercent))));
Charts.SpeakerCountErrors(bestRows.Select(r => r.HypothesisSpeakers).ToArray(), bestRows.Select(r => r.ReferenceSpeakers).ToArray(), $"speaker-count error at threshold {bestThreshold}")
'''),
    md("spectral-md", "## Spectral clustering: DER against `p_percentile` (same cached embeddings)"),
    code("spectral", r'''
double[] pValues = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98];
IDiarizationPipeline SpectralPipeline(double p) => new WindowEmbeddingPipeline(new WindowEmbeddingOptions
{
    Clustering = new ClustererChoice(ClusteringMethod.Spectral, Spectral: SpectralOptions.Icassp2018 with { Refinement = RefinementOptions.Icassp2018 with { PPercentile = p } }),
}, embedder) { Name = $"spectral[p={p}]" };
int missesBefore = cache.Misses;
var spectral = Sweep.Run(dataset, new ParameterGrid().Add("p_percentile", pValues), p => SpectralPipeline(p["p_percentile"]), cache, parallelism: 1);
Console.WriteLine($"embeddings computed for this sweep: {cache.Misses - missesBefore} (all reused from the cache)");
var spSum = spectral.Summary();
Charts.DerCurve(pValues, spSum.Select(s => s.MissedPercent / 100).ToArray(), spSum.Select(s => s.FalseAlarmPercent / 100).ToArray(),
    spSum.Select(s => s.ConfusionPercent / 100).ToArray(), "spectral clustering (ICASSP 2018 refinement): DER vs p_percentile", "p_percentile")
'''),
    code("compare", r'''
var bestSpectral = Sweep.Best(spectral);
new DataFrame(
    new StringDataFrameColumn("setting", new[] { "AHC, default threshold 1.0", $"AHC, best threshold {bestThreshold}", $"spectral, best {bestSpectral.Config}" }),
    new DoubleDataFrameColumn("DER %", new[] { atDefault.DerPercent, ahcSum[bestIndex].DerPercent, bestSpectral.DerPercent }),
    new DoubleDataFrameColumn("confusion %", new[] { atDefault.ConfusionPercent, ahcSum[bestIndex].ConfusionPercent, bestSpectral.ConfusionPercent }),
    new DoubleDataFrameColumn("mean |Δ speakers|", new[] { atDefault.MeanAbsSpeakerCountError, ahcSum[bestIndex].MeanAbsSpeakerCountError, bestSpectral.MeanAbsSpeakerCountError }))
'''),
    md("redraw-md", r'''
## Change one variable, re-run one cell
`Redraw` re-clusters the cached embeddings of one file at a threshold and draws reference vs hypothesis with the
errors shaded — no audio is read again, so re-running the next cell after editing `threshold` takes a fraction of a second.
'''),
    code("redraw-fn", r'''
Figure Redraw(string file, double threshold)
{
    var item = dataset.Items.Single(i => i.Id == file);
    var pipeline = (WindowEmbeddingPipeline)PipelineFactory.Create("windows", new Dictionary<string, double> { ["clustering.threshold"] = threshold }, embedder);
    var embeddings = cache.GetOrCompute(item.AudioHash(), () => item.LoadSignal(), pipeline);
    var hyp = pipeline.Cluster(embeddings, embeddings.Duration, null, file).Annotation;
    var der = DiarizationScorer.ScoreFile(refs[file], hyp, DerOptions.MdEval, uems[file]);
    return Charts.Diarization(refs[file], hyp, null, $"{file} at threshold {threshold}: {hyp.Labels().Count} speakers found ({refs[file].Labels().Count} in the reference), DER {der.DerPercent:0.0} %");
}
'''),
    code("redraw", r'''
double threshold = bestThreshold;   // ← change this and re-run the cell
Redraw("simdev06", threshold)
'''),
    code("redraw-low", r'''
Redraw("simdev06", bestThreshold - 0.3)   // too low: speakers split into several clusters
'''),
    md("tradeoff-md", r'''
## Window length and overlap (the GhostVLAD/UIS-RNN seed's trade-off)
The seed computes one embedding per sliding window and notes that a large overlap makes consecutive embeddings change
smoothly, so the clustering tends to find fewer speakers, while a short window gives noisy embeddings (more spurious
speakers, more confusion). Sweeping window length × overlap at the best AHC threshold (each new setting computes its
embeddings once and caches them) shows what it does on these files: DER, and the signed speaker-count error
(found − reference, averaged over files). The last cell reads both directions off the sweep; with a fixed threshold
and six files, expect the direction more than the size of each effect to carry over to other data.
'''),
    code("tradeoff", r'''
double[] windowLengths = [0.75, 1.5, 3.0], overlaps = [0.0, 0.5, 0.75];
var grid = new ParameterGrid().Add("window", windowLengths).Add("overlap", overlaps).Add("clustering.threshold", bestThreshold);
var tradeoff = Sweep.Run(dataset, grid, p => PipelineFactory.Create("windows", p, embedder), cache, parallelism: 1);
var points = grid.Points().Zip(tradeoff.Summary(), (p, s) => (Window: p["window"], Overlap: p["overlap"], s.DerPercent,
    SignedCount: tradeoff.Rows.Where(r => r.Config == s.Config).Average(r => (double)(r.HypothesisSpeakers - r.ReferenceSpeakers)))).ToArray();
new DataFrame(new DoubleDataFrameColumn("window s", points.Select(p => p.Window)), new DoubleDataFrameColumn("overlap", points.Select(p => p.Overlap)),
    new DoubleDataFrameColumn("step s", points.Select(p => p.Window * (1 - p.Overlap))), new DoubleDataFrameColumn("DER %", points.Select(p => p.DerPercent)),
    new DoubleDataFrameColumn("found − reference speakers", points.Select(p => p.SignedCount)))
'''),
    code("tradeoff-plot", r'''
Figure ByOverlap(Func<(double Window, double Overlap, double DerPercent, double SignedCount), double> y, string yTitle, string title) => new Figure(
    windowLengths.Select((w, k) => (Trace)new Scatter
    {
        Name = $"window {w} s", X = overlaps, Y = points.Where(p => p.Window == w).Select(y).ToArray(), Mode = "lines+markers",
        Line = new Line { Color = Palette.Color(k), Width = 2 },
    }),
    new Layout { Title = title, Height = 350, XAxis = new Axis { Title = "overlap rate" }, YAxis = new Axis { Title = yTitle } });
display(ByOverlap(p => p.DerPercent, "DER %", $"DER vs window overlap (AHC threshold {bestThreshold})"));
ByOverlap(p => p.SignedCount, "found − reference speakers", "speaker-count error vs window overlap")
'''),
    code("tradeoff-read", r'''
// The two directions of the seed's trade-off, read off the sweep (found − reference speakers averaged over files).
var at = points.ToDictionary(p => (p.Window, p.Overlap));
string Dir(double a, double b) => b < a ? "fewer speakers" : b > a ? "more speakers" : "same count";
foreach (var w in windowLengths)
{
    var (a, b) = (at[(w, overlaps[0])], at[(w, overlaps[^1])]);
    Console.WriteLine($"window {w} s, overlap {overlaps[0]} → {overlaps[^1]}: {a.SignedCount:+0.00;-0.00} → {b.SignedCount:+0.00;-0.00} ({Dir(a.SignedCount, b.SignedCount)}), DER {a.DerPercent:0.0} → {b.DerPercent:0.0} %");
}
foreach (var o in overlaps)
{
    var (a, b) = (at[(windowLengths[0], o)], at[(windowLengths[^1], o)]);
    Console.WriteLine($"overlap {o}, window {windowLengths[0]} → {windowLengths[^1]} s: {a.SignedCount:+0.00;-0.00} → {b.SignedCount:+0.00;-0.00} ({Dir(a.SignedCount, b.SignedCount)}), DER {a.DerPercent:0.0} → {b.DerPercent:0.0} %");
}
'''),
]

out = sys.argv[1] if len(sys.argv) > 1 else "notebooks"
only = sys.argv[2:]
for name, cells in [("02-mfcc-vs-embedding-clustering", nb02), ("03-threshold-tuning", nb03), ("05-speaker-similarity", nb05), ("01-features-and-frame-clustering", nb01), ("04-der-on-voxconverse", nb04)]:
    if only and not any(name.startswith(o) for o in only):
        continue
    nb = {"cells": cells, "metadata": META, "nbformat": 4, "nbformat_minor": 5}
    with open(os.path.join(out, name + ".ipynb"), "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False); f.write("\n")
