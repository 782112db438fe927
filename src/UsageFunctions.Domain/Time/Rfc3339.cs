using System.Globalization;
using System.Text.RegularExpressions;

namespace UsageFunctions.Domain.Time;

/// <summary>
/// RFC 3339 date-times, and only those: <c>2026-11-20T11:58:30Z</c>, with an optional fraction of 1 to 7 digits and
/// an offset of <c>Z</c> or <c>±hh:mm</c>. No other order, separator or omission is read.
/// </summary>
public static partial class Rfc3339
{
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null && Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)
            && SupportedInstants.Contains(instant);
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?([Zz]|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
