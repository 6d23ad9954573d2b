using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchKit.Tests.Plotting;

/// <summary>Semantic JSON comparison: same keys (order-free), same array order, numbers equal within 1e-12 relative.</summary>
internal static class JsonAssert
{
    public static void Equivalent(string expectedJson, string actualJson)
    {
        var e = JsonNode.Parse(expectedJson);
        var a = JsonNode.Parse(actualJson);
        var diff = Diff(e, a, "$");
        Assert.True(diff is null, diff + "\nactual: " + actualJson);
    }

    private static string? Diff(JsonNode? e, JsonNode? a, string path)
    {
        if (e is null || a is null) return e is null && a is null ? null : $"{path}: expected {e?.ToJsonString() ?? "null"}, got {a?.ToJsonString() ?? "null"}";
        switch (e)
        {
            case JsonObject eo:
                if (a is not JsonObject ao) return $"{path}: expected an object, got {a.ToJsonString()}";
                foreach (var kv in eo)
                    if (!ao.ContainsKey(kv.Key)) return $"{path}.{kv.Key}: missing";
                foreach (var kv in ao)
                    if (!eo.ContainsKey(kv.Key)) return $"{path}.{kv.Key}: unexpected key with value {kv.Value?.ToJsonString()}";
                foreach (var kv in eo)
                    if (Diff(kv.Value, ao[kv.Key], $"{path}.{kv.Key}") is { } d) return d;
                return null;
            case JsonArray ea:
                if (a is not JsonArray aa) return $"{path}: expected an array, got {a.ToJsonString()}";
                if (ea.Count != aa.Count) return $"{path}: expected {ea.Count} elements, got {aa.Count}";
                for (int i = 0; i < ea.Count; i++)
                    if (Diff(ea[i], aa[i], $"{path}[{i}]") is { } d) return d;
                return null;
            default:
                var ev = e.AsValue(); var av = a as JsonValue;
                if (av is null) return $"{path}: expected {e.ToJsonString()}, got {a.ToJsonString()}";
                if (ev.GetValueKind() == JsonValueKind.Number && av.GetValueKind() == JsonValueKind.Number)
                {
                    double x = ev.GetValue<double>(), y = av.GetValue<double>();
                    return Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x)) ? null : $"{path}: expected {x}, got {y}";
                }
                return ev.ToJsonString() == av.ToJsonString() ? null : $"{path}: expected {ev.ToJsonString()}, got {av.ToJsonString()}";
        }
    }
}
