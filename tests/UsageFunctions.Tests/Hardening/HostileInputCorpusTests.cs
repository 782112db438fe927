using System.Net;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Hardening;

/// <summary>
/// The hostile-input corpus: hundreds of distinct requests across every endpoint, each answered 4xx in its API's
/// documented error shape, never 5xx, and nothing stored. One app serves the whole class.
/// </summary>
public sealed class HostileInputCorpusTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private static readonly string[] StoredTables = ["RawEvents", "ChangedHours", "Accounts", "ApiKeys"];

    [Fact]
    public async Task EveryHostileInputIsAnsweredInItsApisErrorShapeAndStoresNothing()
    {
        var app = shared.App;
        var account = await TestAccount.CreateAsync(app);
        var now = app.Clock.GetUtcNow();
        using var client = app.CreateClient();
        await AssertBaselineIsAcceptedAsync(client, app, now);

        var before = await shared.CountEntitiesAsync(StoredTables);
        // Each hostile event is refused on its own merits (422), never by authentication or the body's framing.
        var corpus = new List<(string Describe, Func<HttpRequestMessage> Message, ErrorShape Shape, int? Status)>();
        foreach (var body in IngestionCorpus.EventBodies(now))
        {
            corpus.Add(("keyed " + Readable(body),
                () => new HostileRequest("POST", "/api/events", ErrorShape.Problem, account.WriteKey, body, "application/cloudevents+json").ToMessage(),
                ErrorShape.Problem, 422));
            corpus.Add(("signed " + Readable(body),
                () => IngestionCorpus.Signed(account, body, "application/cloudevents+json", now), ErrorShape.Problem, 422));
        }
        foreach (var (body, contentType) in IngestionCorpus.WholeBodies(now))
        {
            corpus.Add(("keyed whole " + contentType, () => new HostileRequest("POST", "/api/events", ErrorShape.Problem, account.WriteKey, body, contentType).ToMessage(), ErrorShape.Problem, null));
            corpus.Add(("signed whole " + contentType, () => IngestionCorpus.Signed(account, body, contentType, now), ErrorShape.Problem, null));
        }
        foreach (var request in ReadCorpus.All(account)) corpus.Add((request.Describe, request.ToMessage, request.Shape, null));

        var failures = new List<string>();
        foreach (var (describe, message, shape, expected) in corpus)
        {
            using var request = message();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var problem = status is < 400 or >= 500 || (expected is not null && status != expected)
                ? $"answered {status}"
                : HostileRequest.ShapeProblem(shape, response.Content.Headers.ContentType?.MediaType, body);
            if (problem is not null) failures.Add($"{describe} → {status}: {problem}");
        }

        // Each input differs from every other in what is hostile about it (a field and a text, a query, a credential).
        Assert.True(corpus.Count >= 300, $"Only {corpus.Count} inputs.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count}:\n" + string.Join("\n", failures.Take(60)));
        Assert.Equal(before, await shared.CountEntitiesAsync(StoredTables));
    }

    private static string Readable(byte[] body) => System.Text.Encoding.UTF8.GetString(body);

    /// <summary>The corpus's events differ from this one only where they are hostile; this one is stored on both routes.</summary>
    private static async Task AssertBaselineIsAcceptedAsync(HttpClient client, UsageAppFactory app, DateTimeOffset now)
    {
        var other = await TestAccount.CreateAsync(app);
        var baseline = System.Text.Encoding.UTF8.GetBytes(IngestionCorpus.Baseline(now).ToJsonString());
        using var keyed = new HostileRequest("POST", "/api/events", ErrorShape.Problem, other.WriteKey, baseline, "application/cloudevents+json").ToMessage();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(keyed)).StatusCode);
        using var signed = IngestionCorpus.Signed(other, baseline, "application/cloudevents+json", now);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(signed)).StatusCode);
    }
}
