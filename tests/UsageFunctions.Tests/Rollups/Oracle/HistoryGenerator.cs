namespace UsageFunctions.Tests.Rollups.Oracle;

/// <summary>Random but seeded events: mostly recent, some late by days (up to 34), some at instants where bugs hide.</summary>
public sealed class HistoryGenerator(Random random)
{
    private static readonly string?[] Agents = ["agent_1", "agent_2", "agent/é~%3", null];
    private static readonly string?[] Numbers = ["num_1", "num_2", "num#3", null];
    private static readonly string[] EndReasons = ["hangup", "agent_hangup", "timeout", "unjoined", "connection_error", "system_error"];
    private static readonly string?[] Billings = ["BILLED", "FREE_MINUTES", null];
    private static readonly string?[] Directions = ["inbound", "outbound", null];
    private static readonly string[] Types =
    [
        "usage.call.ended", "usage.call.ended", "usage.call.ended", "usage.message.sent", "usage.message.received",
        "usage.webhook.delivery.succeeded", "usage.webhook.delivery.failed", "usage.api.request", "usage.bandwidth.used",
        "usage.email.sent", "usage.webhook.event.processed", "usage.storage.level", "usage.seats.level",
        "usage.phone_number.provisioned", "usage.phone_number.released",
    ];

    private int _next;

    public GeneratedEvent Next(DateTimeOffset now, IReadOnlyList<DateTimeOffset> hotSpots)
    {
        var type = Types[random.Next(Types.Length)];
        var at = OccurredAt(now, hotSpots);
        var id = $"e{_next++}-{random.Next():x}";
        return type switch
        {
            "usage.call.ended" => Call(id, at),
            "usage.message.sent" or "usage.message.received" => new(id, type, at, Agent: Pick(Agents), Number: Pick(Numbers)),
            "usage.api.request" or "usage.email.sent" or "usage.webhook.event.processed" => new(id, type, at, Quantity: random.Next(1, 500)),
            "usage.bandwidth.used" => new(id, type, at, Direction: Pick(Directions), Quantity: random.NextInt64(0, 5_000_000_000_000)),
            "usage.storage.level" => new(id, type, at, Level: Math.Round((decimal)random.NextDouble() * 900, 3)),
            "usage.seats.level" => new(id, type, at, Level: random.Next(0, 200)),
            "usage.phone_number.provisioned" or "usage.phone_number.released" => new(id, type, at, Number: $"pn_{random.Next(4)}"),
            _ => new(id, type, at),
        };
    }

    /// <summary>A message sent within the last minute: in the current hour, after any roll-up that has run.</summary>
    public GeneratedEvent Recent(DateTimeOffset now)
    {
        var at = now.AddSeconds(-random.Next(1, 50));
        return new($"e{_next++}-{random.Next():x}", "usage.message.sent",
            new DateTimeOffset(at.UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero),
            Agent: Pick(Agents), Number: Pick(Numbers));
    }

    private GeneratedEvent Call(string id, DateTimeOffset at)
    {
        var duration = Math.Round((decimal)random.NextDouble() * 600, random.Next(4));
        var reason = EndReasons[random.Next(EndReasons.Length)];
        // billedSeconds and joinedAt are optional: a quarter of the calls leave each out.
        decimal? billed = random.Next(4) == 0 ? null : Math.Min(duration, Math.Round(duration * 0.9m, 1));
        return new GeneratedEvent(id, "usage.call.ended", at, Pick(Agents), Pick(["voice_a", "voice_b", null]), Pick(Numbers),
            Pick(Directions), reason, Pick(Billings), duration, billed, WithoutJoinedAt: random.Next(4) == 0);
    }

    /// <summary>A call ends at most ten minutes after it starts, so a call must start over ten minutes ago to be accepted.</summary>
    private DateTimeOffset OccurredAt(DateTimeOffset now, IReadOnlyList<DateTimeOffset> hotSpots)
    {
        var roll = random.NextDouble();
        var late = roll switch
        {
            < 0.5 => TimeSpan.FromMinutes(random.Next(11, 120)),
            < 0.75 => TimeSpan.FromMinutes(random.Next(11, 3 * 24 * 60)),
            < 0.88 => TimeSpan.FromMinutes(random.Next(11, 34 * 24 * 60)),
            _ => TimeSpan.Zero,
        };
        var at = now - late;
        if (late == TimeSpan.Zero)
        {
            var spots = hotSpots.Where(s => s < now.AddMinutes(-15) && s > now.AddDays(-34)).ToList();
            at = spots.Count == 0 ? now.AddMinutes(-20) : spots[random.Next(spots.Count)].AddSeconds(random.Next(-90, 90));
        }
        // Whole milliseconds keep the instant identical through JSON; some events share an instant to exercise tie-breaks.
        return new DateTimeOffset(at.UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];
}
