using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ResearchKit.Plotting;

/// <summary>Options of <see cref="ChromiumRenderer"/>.</summary>
public sealed record ChromiumOptions
{
    /// <summary>Browser executable; default: <see cref="ChromiumRenderer.EnvironmentVariable"/>, then /usr/bin/chromium and
    /// the usual Chrome/Chromium names on PATH.</summary>
    public string? ExecutablePath { get; init; }
    /// <summary>plotly.min.js; default <see cref="PlotlyJs.Locate()"/>.</summary>
    public string? PlotlyJsPath { get; init; }
    /// <summary>Default image width in px when the figure's layout sets none.</summary>
    public int Width { get; init; } = 800;
    /// <summary>Default image height in px when the figure's layout sets none.</summary>
    public int Height { get; init; } = 450;
    /// <summary>Pixel ratio of PNGs (2 = sharper images, 4× the pixels).</summary>
    public double Scale { get; init; } = 1;
    /// <summary>Limit for the browser start and for each render.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Renders figures to PNG/SVG with plotly.js <c>Plotly.toImage</c> inside ONE headless Chromium kept open, driven over
/// the Chrome DevTools protocol (a WebSocket; no extra package). Starting a browser costs seconds; each figure then
/// costs tens of milliseconds. Thread-safe (renders are serialised). Dispose to close the browser.
/// </summary>
/// <remarks>Chromium flags follow the platform notes: headless, no sandbox (CI runs as root), no GPU, no network
/// side-traffic (quic, background networking, component updates, sync), a fresh profile folder per instance.</remarks>
public sealed class ChromiumRenderer : IDisposable
{
    /// <summary>Environment variable naming the browser executable.</summary>
    public const string EnvironmentVariable = "RESEARCHKIT_CHROMIUM";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
        "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*",
    ];

    private static readonly Lazy<ChromiumRenderer> SharedInstance = new(() =>
    {
        var r = new ChromiumRenderer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => r.Dispose();
        return r;
    });

    private readonly ChromiumOptions _options;
    private readonly Process _process;
    private readonly string _profileDir;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1), _renderLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private readonly StringBuilder _stderr = new();
    private string _sessionId = "";
    private int _nextId;
    private bool _disposed;

    /// <summary>A renderer shared by the whole process (notebook kernels), started on first use, closed at exit.</summary>
    public static ChromiumRenderer Shared => SharedInstance.Value;

    /// <summary>The browser executable that would be used, or null when none is installed.</summary>
    public static string? FindExecutable(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return File.Exists(env) ? env : null;
        string[] names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
        if (File.Exists("/usr/bin/chromium")) return "/usr/bin/chromium";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var n in names)
                if (File.Exists(Path.Combine(dir, n))) return Path.Combine(dir, n);
        return null;
    }

    /// <summary>True when a Chromium executable is installed (else figures can only be rendered to HTML).</summary>
    public static bool IsAvailable => FindExecutable() is not null;

    /// <summary>Starts the browser and loads plotly.js; throws <see cref="MissingDependencyException"/> when Chromium or plotly.js is missing.</summary>
    public ChromiumRenderer(ChromiumOptions? options = null)
    {
        _options = options ?? new ChromiumOptions();
        if (_options.Width <= 0 || _options.Height <= 0)
            throw new InvalidParameterException("Width/Height", $"image size must be positive, got {_options.Width}×{_options.Height} px.");
        if (!(_options.Scale > 0)) throw new InvalidParameterException("Scale", $"scale must be positive, got {_options.Scale}.");
        string exe = FindExecutable(_options.ExecutablePath) ?? throw new MissingDependencyException(
            "Chromium", "to render figures to PNG/SVG",
            $"Install it (Debian: `apt-get install --no-install-recommends chromium`), set {EnvironmentVariable} or ChromiumOptions.ExecutablePath" +
            (_options.ExecutablePath is null ? "" : $" (given: {_options.ExecutablePath})") + "; HTML rendering works without it.");
        string js = _options.PlotlyJsPath is { } p ? PlotlyJs.Locate([p]) : PlotlyJs.Locate();

        _profileDir = Path.Combine(Path.GetTempPath(), "researchkit-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_profileDir);
        string host = Path.Combine(_profileDir, "host.html");
        File.WriteAllText(host, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"" +
            new Uri(js).AbsoluteUri + "\"></script></head><body></body></html>");

        var psi = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var f in Flags) psi.ArgumentList.Add(f);
        psi.ArgumentList.Add("--user-data-dir=" + _profileDir);
        psi.ArgumentList.Add("about:blank");
        var wsUrl = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _process = Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            TryDeleteProfile();
            throw new MissingDependencyException("Chromium", "to render figures to PNG/SVG", $"Starting {exe} failed ({e.Message}); check the installation.", e);
        }
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) if (_stderr.Length < 8000) _stderr.AppendLine(e.Data);
            var m = Regex.Match(e.Data, @"DevTools listening on (ws://\S+)");
            if (m.Success) wsUrl.TrySetResult(m.Groups[1].Value);
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => wsUrl.TrySetException(new InvalidOperationException("the browser exited during start-up"));

        try
        {
            if (!wsUrl.Task.Wait(_options.Timeout))
                throw new TimeoutException($"no DevTools endpoint within {_options.Timeout.TotalSeconds:0} s");
            _socket.Options.KeepAliveInterval = TimeSpan.Zero;
            _socket.ConnectAsync(new Uri(wsUrl.Task.Result), CancellationToken.None).GetAwaiter().GetResult();
            _receiveLoop = Task.Run(ReceiveLoop);
            Initialise(new Uri(host).AbsoluteUri).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not ResearchKitException)
        {
            string err; lock (_stderr) err = _stderr.ToString().Trim();
            Kill();
            TryDeleteProfile();
            throw new MissingDependencyException("a working Chromium", "to render figures to PNG/SVG",
                $"{exe} did not start a usable headless browser ({(e is AggregateException a ? a.InnerException?.Message : e.Message)}). Browser output: {err}", e);
        }
    }

    /// <summary>The browser executable in use.</summary>
    public string ExecutablePath => _process.StartInfo.FileName;

    private async Task Initialise(string hostUrl)
    {
        var target = await Send("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null).ConfigureAwait(false);
        var attach = await Send("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, null).ConfigureAwait(false);
        _sessionId = attach["sessionId"]!.GetValue<string>();
        await Send("Page.navigate", new JsonObject { ["url"] = hostUrl }, _sessionId).ConfigureAwait(false);
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var r = await Send("Runtime.evaluate", new JsonObject { ["expression"] = "typeof Plotly === 'object' && document.readyState === 'complete'", ["returnByValue"] = true }, _sessionId).ConfigureAwait(false);
            if (r["result"]?["value"]?.GetValueKind() == JsonValueKind.True) break;
            if (sw.Elapsed > _options.Timeout) throw new TimeoutException("plotly.js did not load in the browser page");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Renders <paramref name="figure"/> to PNG bytes (size from the layout, else the options).</summary>
    public byte[] RenderPng(Figure figure, int? width = null, int? height = null, double? scale = null)
    {
        string url = Render(figure, "png", width, height, scale);
        const string prefix = "data:image/png;base64,";
        if (!url.StartsWith(prefix, StringComparison.Ordinal))
            throw new ResearchKitException($"Plotly.toImage returned no PNG data URL (got '{url[..Math.Min(40, url.Length)]}…').");
        return Convert.FromBase64String(url[prefix.Length..]);
    }

    /// <summary>Renders <paramref name="figure"/> to an SVG document.</summary>
    public string RenderSvg(Figure figure, int? width = null, int? height = null) => Render(figure, "svg", width, height, 1);

    /// <summary>Writes a PNG (".png") or SVG (".svg") file atomically, by the file extension.</summary>
    public void Save(Figure figure, string path, int? width = null, int? height = null, double? scale = null)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".png") IO.AtomicFile.WriteAllBytes(path, RenderPng(figure, width, height, scale));
        else if (ext == ".svg") IO.AtomicFile.WriteAllText(path, RenderSvg(figure, width, height));
        else throw new InvalidParameterException(nameof(path), $"'{path}' has extension '{ext}'; use .png or .svg (or HtmlRenderer.Write for .html).");
    }

    private string Render(Figure figure, string format, int? width, int? height, double? scale)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ObjectDisposedException.ThrowIf(_disposed, this);
        int w = width ?? figure.Layout.Width ?? _options.Width, h = height ?? figure.Layout.Height ?? _options.Height;
        double s = scale ?? _options.Scale;
        if (w <= 0 || h <= 0) throw new InvalidParameterException("width/height", $"image size must be positive, got {w}×{h} px.");
        if (!(s > 0)) throw new InvalidParameterException(nameof(scale), $"scale must be positive, got {s}.");
        // The SVG data URL is percent-encoded; decode it in the page so the caller gets the document.
        string expr = $"(async()=>{{const f={figure.ToJson()};const u=await Plotly.toImage({{data:f.data,layout:f.layout}}," +
                      $"{{format:'{format}',width:{w},height:{h},scale:{s.ToString(System.Globalization.CultureInfo.InvariantCulture)}}});" +
                      (format == "svg" ? "return decodeURIComponent(u.substring(u.indexOf(',')+1));" : "return u;") + "})()";
        _renderLock.Wait();
        try
        {
            var r = Send("Runtime.evaluate", new JsonObject { ["expression"] = expr, ["awaitPromise"] = true, ["returnByValue"] = true }, _sessionId)
                .WaitAsync(_options.Timeout).GetAwaiter().GetResult();
            if (r["exceptionDetails"] is JsonNode ex)
                throw new InvalidParameterException("figure",
                    $"plotly.js could not render the figure: {ex["exception"]?["description"]?.GetValue<string>() ?? ex["text"]?.GetValue<string>()}. Check the trace and layout attributes.");
            return r["result"]?["value"]?.GetValue<string>() ?? throw new ResearchKitException("Plotly.toImage returned no value.");
        }
        catch (TimeoutException e)
        {
            throw new ResearchKitException($"rendering a {format.ToUpperInvariant()} took longer than {_options.Timeout.TotalSeconds:0} s; the figure may be too large.", e);
        }
        finally { _renderLock.Release(); }
    }

    /// <summary>Opens <paramref name="htmlPath"/> in a new tab and reports whether plotly drew a figure containing
    /// <paramref name="text"/> within 10 s (used to check that written HTML pages work offline).</summary>
    internal bool PageContains(string htmlPath, string text)
    {
        return Run().GetAwaiter().GetResult();
        async Task<bool> Run()
        {
            var t = await Send("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null).ConfigureAwait(false);
            string targetId = t["targetId"]!.GetValue<string>();
            var a = await Send("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true }, null).ConfigureAwait(false);
            string session = a["sessionId"]!.GetValue<string>();
            try
            {
                await Send("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri }, session).ConfigureAwait(false);
                string expr = "!!document.querySelector('.main-svg') && document.body.innerText.includes(" + JsonSerializer.Serialize(text) + ")";
                var sw = Stopwatch.StartNew();
                while (sw.Elapsed < TimeSpan.FromSeconds(10))
                {
                    var r = await Send("Runtime.evaluate", new JsonObject { ["expression"] = expr, ["returnByValue"] = true }, session).ConfigureAwait(false);
                    if (r["result"]?["value"]?.GetValueKind() == JsonValueKind.True) return true;
                    await Task.Delay(50).ConfigureAwait(false);
                }
                return false;
            }
            finally { await Send("Target.closeTarget", new JsonObject { ["targetId"] = targetId }, null).ConfigureAwait(false); }
        }
    }

    private async Task<JsonObject> Send(string method, JsonObject parameters, string? sessionId)
    {
        int id = Interlocked.Increment(ref _nextId);
        var msg = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (sessionId is not null) msg["sessionId"] = sessionId;
        var tcs = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        byte[] bytes = Encoding.UTF8.GetBytes(msg.ToJsonString());
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try { await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, _stop.Token).ConfigureAwait(false); }
        finally { _sendLock.Release(); }
        var reply = await tcs.Task.ConfigureAwait(false);
        if (reply["error"] is JsonNode err)
            throw new InvalidOperationException($"DevTools {method} failed: {err["message"]?.GetValue<string>()}");
        return reply["result"] as JsonObject ?? new JsonObject();
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        var ms = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var res = await _socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (res.MessageType == WebSocketMessageType.Close) break;
                ms.Write(buffer, 0, res.Count);
                if (!res.EndOfMessage) continue;
                var node = JsonNode.Parse(ms.GetBuffer().AsSpan(0, (int)ms.Length)) as JsonObject;
                ms.SetLength(0);
                if (node?["id"] is JsonNode idNode && _pending.TryRemove(idNode.GetValue<int>(), out var tcs)) tcs.TrySetResult(node);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        foreach (var kv in _pending)
            if (_pending.TryRemove(kv.Key, out var t)) t.TrySetException(new ResearchKitException("the headless browser closed its DevTools connection; create a new ChromiumRenderer."));
    }

    /// <summary>Closes the browser and deletes its profile folder.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (_socket.State == WebSocketState.Open)
                Send("Browser.close", new JsonObject(), null).Wait(TimeSpan.FromSeconds(3));
        }
        catch (Exception e) when (e is AggregateException or ResearchKitException or InvalidOperationException or WebSocketException) { }
        if (!_process.WaitForExit(3000)) Kill();
        _stop.Cancel();
        _socket.Dispose();
        TryDeleteProfile();
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(3000); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    private void TryDeleteProfile()
    {
        for (int i = 0; i < 3; i++)
        {
            try { if (Directory.Exists(_profileDir)) Directory.Delete(_profileDir, true); return; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Thread.Sleep(100); }
        }
    }
}
