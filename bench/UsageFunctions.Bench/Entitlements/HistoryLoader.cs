using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Domain.Events;
using UsageFunctions.Storage;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.Bench;

/// <summary>
/// Fills an account's current billing period fast: the product's own event store (raw events in their partitions and
/// the changed-hour markers the roll-up follows), called from the bench with several writers, so no HTTP or signature
/// work stands between a million events and the table. Batch b: 100 events of source <c>/bench/producer-{b mod 16}</c>
/// in hour <c>b mod hours</c> of the period, one in four a call, the rest messages (as the ingest bench sends them).
/// The store's clock runs <see cref="Backdate"/> behind, so the arrival markers fall before the watermark of a roll-up
/// fired right after the load (the roll-up leaves its last grace minutes, 2 by default, for the next run).
/// </summary>
public sealed class HistoryLoader : IDisposable
{
    public static readonly TimeSpan Backdate = TimeSpan.FromMinutes(3);
    private const int Sources = 16;
    private readonly ServiceProvider _services;
    private readonly IEventStore _store;

    public HistoryLoader(string connectionString, string tablePrefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString, ["Storage:TablePrefix"] = tablePrefix,
        }).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton<TimeProvider>(new Behind(Backdate))
            .AddTableStorage().BuildServiceProvider();
        _store = _services.GetRequiredService<IEventStore>();
    }

    /// <summary>Message events among the first <paramref name="events"/> of the sequence.</summary>
    public static long MessagesAmong(int events) => events - (events + 3) / 4;

    /// <summary>The first event of the sequence: its partition and row, for a bare point read.</summary>
    public static (string Partition, string Row) FirstEntity(string accountId, DateTimeOffset periodStart)
    {
        var first = Build(0, 1, periodStart, 1)[0];
        return (RawEventKeys.Partition(accountId, first.OccurredAt, RawEventKeys.ShardOf(first.Source, new UsageFunctions.Storage.Tables.TableStorageOptions().RawEventShards)), first.IdentityHash);
    }

    /// <summary>Appends events <paramref name="from"/> to <paramref name="to"/> of the sequence; returns events per second.</summary>
    public async Task<double> LoadAsync(string accountId, DateTimeOffset periodStart, int hours, int from, int to, int writers)
    {
        var next = from / 100 - 1;
        var last = (to + 99) / 100;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            for (var b = Interlocked.Increment(ref next); b < last; b = Interlocked.Increment(ref next))
            {
                var outcomes = await _store.AppendAsync(accountId, Build(b, Math.Min(100, to - b * 100), periodStart, hours), CancellationToken.None);
                if (outcomes.Any(o => o != StoreOutcome.Accepted)) throw new InvalidOperationException($"Batch {b} was not stored whole.");
            }
        }));
        return (to - from) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static List<UsageEvent> Build(int batch, int count, DateTimeOffset periodStart, int hours)
    {
        var hour = periodStart.AddHours(batch % Math.Max(1, hours));
        var source = EventBatches.SourceOf(batch % Sources);
        var events = new List<UsageEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var n = batch * 100 + i;
            var at = hour.AddSeconds(n * 7 % 3500);
            events.Add(n % 4 == 0
                ? StoredEventReader.Read(source, $"ent-{n}", "usage.call.ended", at.AddSeconds(60), null,
                    $$"""{"callId":"ent-{{n}}","agentId":"agent_1","createdAt":"{{at:O}}","joinedAt":"{{at.AddSeconds(2):O}}","endedAt":"{{at.AddSeconds(60):O}}","durationSeconds":60,"billedSeconds":60,"endReason":"hangup","billingStatus":"BILLED"}""")
                : StoredEventReader.Read(source, $"ent-{n}", "usage.message.sent", at, null,
                    $$"""{"phoneNumberId":"num_{{n % 5}}","agentId":"agent_{{n % 3}}"}"""));
        }
        return events;
    }

    public void Dispose() => _services.Dispose();

    private sealed class Behind(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() - by;
    }
}
