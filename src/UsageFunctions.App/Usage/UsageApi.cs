using System.Globalization;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Exports;
using UsageFunctions.App.Functions;
using UsageFunctions.App.Vendors;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Usage;

/// <summary>
/// Our own usage API (a <c>usage:read</c> key; RFC 9457 errors). <c>GET /api/usage?meter&amp;from&amp;to&amp;groupBy&amp;grain&amp;tz</c>
/// answers one meter's exact total over any window, optionally broken down by a dimension or as a zero-filled series;
/// <c>GET /api/usage/period</c> the current billing period's counters.
/// </summary>
public static class UsageApi
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(762);

    public static async Task<IResult> GetUsageAsync(HttpRequest request, VendorAccess access, IUsageQuery usage, MeterCatalog meters,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = await access.ResolveAsync(PresentedCredentials.BearerOrApiKey(request), cancellationToken);
        if (!caller.IsValid) return Unauthorized();
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var meter = meters.Find(request.Query["meter"].ToString());
        if (meter is null) errors["meter"] = ["One of: " + string.Join(", ", meters.All.Select(m => m.Key)) + "."];
        var to = QueryValues.Instant(request, "to", now, errors);
        // The default begins on a whole UTC hour, which the aggregates hold whole: no raw events of a partial hour to read.
        var from = QueryValues.Instant(request, "from", UtcDecomposition.Floor(to.AddDays(-30), BucketGrain.Hour), errors);
        if (from >= to || to - from > MaxWindow) errors["from"] = ["'from' must be before 'to', at most 762 days apart."];
        var groupBy = request.Query["groupBy"].ToString() is { Length: > 0 } g ? g : null;
        if (groupBy is not null && meter is not null && !meter.Dimensions.ContainsKey(groupBy))
            errors["groupBy"] = [meter.Dimensions.Count == 0
                ? $"The meter '{meter.Key}' has no dimensions, so it cannot be grouped."
                : "One of: " + string.Join(", ", meter.Dimensions.Keys) + "."];
        var grain = request.Query["grain"].ToString() switch
        {
            "" => (SeriesGrain?)null, "hour" => SeriesGrain.Hour, "day" => SeriesGrain.Day, "month" => SeriesGrain.Month,
            _ => Invalid(errors, "grain", "One of: hour, day, month."),
        };
        var zone = caller.IsValid ? caller.Zone : TimeZoneInfo.Utc;
        if (request.Query["tz"].ToString() is { Length: > 0 } tz && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out zone))
            errors["tz"] = ["An IANA time zone such as America/New_York."];
        var csv = ResponseFormat.WantsCsv(request, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var id = caller.Account!.Id;
        var read = await usage.ReadAsync(id, new UsageReadBatch([new TotalQuery(meter!.Key, from, to, groupBy)],
            grain is { } g2 ? [new SeriesQuery(meter.Key, g2, zone!, from, to)] : []), cancellationToken);
        var totals = read.Totals[0];
        var series = grain is null ? null : read.Series[0];
        var response = new UsageResponse(meter.Key, meter.Unit, from, to, (decimal)totals.Total,
            groupBy is null ? null : totals.ByDimension.ToDictionary(p => p.Key.Length == 0 ? "(none)" : p.Key, p => (decimal)p.Value),
            series?.Select(p => new UsagePoint(p.Start, p.End, (decimal)p.Value)).ToList(), read.AsOf);
        return csv ? new CsvResult(UsageCsv.Rows(response).ToAsyncEnumerable(), "usage.csv") : TypedResults.Ok(response);
    }

    public static async Task<IResult> GetPeriodAsync(HttpRequest request, VendorAccess access, IUsageQuery usage, CancellationToken cancellationToken)
    {
        var caller = await access.ResolveAsync(PresentedCredentials.BearerOrApiKey(request), cancellationToken);
        if (!caller.IsValid) return Unauthorized();
        var period = await usage.CurrentPeriodAsync(caller.Account!.Id, cancellationToken);
        return TypedResults.Ok(new PeriodResponse(period.Start, period.End, caller.Account.Plan,
            period.Meters.ToDictionary(m => m.Key, m => (decimal)m.Value), period.AsOf));
    }

    private static SeriesGrain? Invalid(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return null;
    }

    private static IResult Unauthorized() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Authentication required", detail: "Send a usage:read key as 'Authorization: Bearer <key>' or 'X-API-Key'.");
}

public sealed record UsageResponse(string Meter, string Unit, DateTimeOffset From, DateTimeOffset To, decimal Total,
    IReadOnlyDictionary<string, decimal>? ByDimension, IReadOnlyList<UsagePoint>? Series, DateTimeOffset AsOf);

public sealed record UsagePoint(DateTimeOffset Start, DateTimeOffset End, decimal Value);

public sealed record PeriodResponse(DateTimeOffset Start, DateTimeOffset End, string Plan, IReadOnlyDictionary<string, decimal> Meters, DateTimeOffset AsOf);
