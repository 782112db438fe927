namespace UsageFunctions.Domain.Time;

/// <summary>
/// The instants the product reads and computes with: from 1970 to 8999. Any window, series or period arithmetic on
/// them (a few years either way, any zone offset) stays far inside what <see cref="DateTimeOffset"/> can hold, so a
/// date at the edge of the calendar is a client error, never an overflow.
/// </summary>
public static class SupportedInstants
{
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string Description = "from 1970-01-01 to 8999-12-31";

    public static bool Contains(DateTimeOffset instant) => instant >= Earliest && instant < End;
}
