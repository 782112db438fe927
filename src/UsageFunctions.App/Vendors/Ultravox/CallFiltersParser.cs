using System.Globalization;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>
/// Reads <see cref="CallFilters"/> from a query string, collecting errors per field as Django REST does. As DRF reads a
/// query string, an optional parameter with an empty value is not given; a blank list item or a value of only spaces is
/// an error.
/// </summary>
public static class CallFiltersParser
{
    private const string MetadataPrefix = "metadata.";
    private static readonly string[] TimeFormats = [@"hh\:mm\:ss", @"hh\:mm\:ss\.FFFFFF", @"hh\:mm"];
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK"];

    public static (CallFilters Filters, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, UltravoxIds ids)
    {
        var errors = new Dictionary<string, string[]>();
        var agents = query["agentIds"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)).ToList();
        if (agents.Any(a => a.Length == 0)) errors["agentIds"] = ["This field may not be blank."];
        var voice = Text(query, "voiceId", errors);
        var search = Text(query, "search", errors);
        var min = Duration(query, "durationMin", errors);
        var max = Duration(query, "durationMax", errors);
        if (min > max) errors.TryAdd("durationMax", ["Must not be less than durationMin."]);
        var from = Instant(query, "fromDate", endOfDay: false, errors);
        var to = Instant(query, "toDate", endOfDay: true, errors);
        if (from >= to) errors.TryAdd("toDate", ["Must not be before fromDate."]);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in query.Where(q => q.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal)))
        {
            if (key.Length == MetadataPrefix.Length) errors["metadata"] = ["Use metadata.<key>=<value>."];
            else metadata[key[MetadataPrefix.Length..]] = value.ToString();
        }
        var filters = new CallFilters(agents.Where(a => a.Length > 0).ToHashSet(StringComparer.Ordinal), voice, min, max, from, to,
            TimeOfDay(query, "timeOfDayStart", errors), TimeOfDay(query, "timeOfDayEnd", errors), metadata, search, ids);
        return (filters, errors);
    }

    private static string? Given(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } text ? text : null;

    private static string? Text(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Given(query, name) is not { } given) return null;
        var text = given.Trim();
        if (text.Length == 0) errors[name] = ["This field may not be blank."];
        return text.Length == 0 ? null : text;
    }

    private static double? Duration(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Given(query, name) is not { } text) return null;
        if (UltravoxDuration.TryParse(text.Trim(), out var seconds)) return seconds;
        errors[name] = ["Enter a duration in seconds with an 's' suffix, like '300s' or '0.5s'."];
        return null;
    }

    private static TimeSpan? TimeOfDay(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Given(query, name) is not { } text) return null;
        if (TimeSpan.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, out var time) && time < TimeSpan.FromDays(1))
            return time;
        errors[name] = ["Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]]."];
        return null;
    }

    /// <summary>A bare date is the start of that UTC day, or for an end the whole day; a date-time without offset is UTC.</summary>
    private static DateTimeOffset? Instant(IQueryCollection query, string name, bool endOfDay, Dictionary<string, string[]> errors)
    {
        if (Given(query, name)?.Trim() is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (SupportedInstants.Contains(start)) return endOfDay ? start.AddDays(1) : start;
        }
        else if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            if (SupportedInstants.Contains(at)) return endOfDay ? at.ToUniversalTime().AddTicks(1) : at.ToUniversalTime();
        }
        else
        {
            errors[name] = ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."];
            return null;
        }
        errors[name] = [$"Dates are accepted {SupportedInstants.Description}."];
        return null;
    }
}
