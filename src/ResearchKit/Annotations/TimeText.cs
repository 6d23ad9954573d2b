using System.Globalization;

namespace ResearchKit.Annotations;

/// <summary>Parsing and printing of times in seconds for the text formats (invariant culture, no drift).</summary>
internal static class TimeText
{
    /// <summary>Parses a plain decimal time; returns false for anything not a finite number. <paramref name="decimals"/>
    /// is the number of digits after the point when the text is canonical fixed notation (else -1).</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out double value, out int decimals)
    {
        decimals = -1;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            return false;
        int dot = s.IndexOf('.');
        bool plain = s.Length > 0;
        for (int i = 0; i < s.Length && plain; i++)
            plain = i == dot || (s[i] >= '0' && s[i] <= '9');
        // canonical = what Format(value, decimals) prints back: no sign, exponent or superfluous leading zero
        if (plain && dot != 0 && dot != s.Length - 1 && !(s.Length > 1 && s[0] == '0' && dot != 1))
            decimals = dot < 0 ? 0 : s.Length - dot - 1;
        return true;
    }

    /// <summary>Prints <paramref name="value"/> with <paramref name="decimals"/> digits if that represents it
    /// exactly (same double back), else with the shortest round-trip form, so nothing is lost.</summary>
    public static string Format(double value, int decimals)
    {
        if (decimals >= 0 && decimals <= 15)
        {
            string s = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (double.Parse(s, CultureInfo.InvariantCulture) == value) return s;
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The double that <paramref name="value"/> printed with <paramref name="decimals"/> digits reads back as.</summary>
    public static double Round(double value, int decimals) =>
        double.Parse(value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
