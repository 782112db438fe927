namespace UsageFunctions.Domain.Time;

/// <summary>
/// The zone names an account may carry: <c>UTC</c>, or a canonical IANA name under a geographic area or <c>Etc</c>
/// (<c>America/New_York</c>, <c>Asia/Kolkata</c>). Host-specific names (<c>localtime</c>, <c>posixrules</c>), POSIX-style
/// rules (<c>EST5EDT</c>), legacy country aliases (<c>US/Eastern</c>) and links kept for compatibility
/// (<c>Asia/Calcutta</c>, when the system's tz database lists it as a link) are refused, naming the canonical zone when known.
/// </summary>
public static class ZoneNames
{
    private static readonly HashSet<string> Areas = new(StringComparer.Ordinal)
    {
        "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Etc", "Europe", "Indian", "Pacific",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Links = new(ReadLinks);

    /// <summary>Null when <paramref name="name"/> is accepted; otherwise why not.</summary>
    public static string? Problem(string name)
    {
        if (name == "UTC") return null;
        if (Links.Value.TryGetValue(name, out var target))
            return $"'{name}' is an alias; use the canonical IANA name '{target}'.";
        var slash = name.IndexOf('/');
        if (slash <= 0 || !Areas.Contains(name[..slash]) || !TimeZoneInfo.TryFindSystemTimeZoneById(name, out _))
            return $"'{name}' is not a canonical IANA time zone; use a name such as America/New_York, Europe/Berlin or UTC.";
        return null;
    }

    /// <summary>The links ("L target link") of the tz database's compact form, when the system has it.</summary>
    private static IReadOnlyDictionary<string, string> ReadLinks()
    {
        var directory = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } dir ? dir : "/usr/share/zoneinfo";
        var path = Path.Combine(directory, "tzdata.zi");
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return links;
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["L", var linkTarget, var link]) links[link] = linkTarget == "Etc/UTC" ? "UTC" : linkTarget;
        }
        links.Remove("UTC");
        return links;
    }
}
