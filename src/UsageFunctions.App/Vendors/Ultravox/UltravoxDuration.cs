using System.Globalization;
using System.Text.RegularExpressions;

namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>
/// Protobuf-style durations as Ultravox writes them: seconds with an <c>s</c> suffix. Written with at most 6 decimals
/// (microseconds), trailing zeros trimmed: <c>"90s"</c>, <c>"0.384s"</c>, <c>"1234.5s"</c>.
/// </summary>
public static partial class UltravoxDuration
{
    public static string Format(double seconds) =>
        Math.Round(seconds, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture) + "s";

    /// <summary>Reads a non-negative duration such as <c>"300s"</c> or <c>"0.5s"</c> (up to 9 decimals, as protobuf allows).</summary>
    public static bool TryParse(string text, out double seconds)
    {
        seconds = 0;
        var match = Pattern().Match(text);
        return match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds);
    }

    [GeneratedRegex(@"^(\d{1,12}(?:\.\d{1,9})?)s$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
