namespace UsageFunctions.Domain.Meters;

/// <summary>How a meter turns events into a figure; decides how hours compose into days and months.</summary>
public enum MeterAggregation
{
    /// <summary>Number of matching events; composes by addition.</summary>
    Count,

    /// <summary>Sum of a value of each matching event; composes by addition.</summary>
    Sum,

    /// <summary>The value of the latest event (latest counting instant, ties by the larger identity hash).</summary>
    Latest,

    /// <summary>Distinct keys whose latest event says "on" (phone numbers in use); kept per key, counted on read.</summary>
    UniqueState,
}

public static class MeterAggregations
{
    public static bool IsAdditive(this MeterAggregation aggregation) =>
        aggregation is MeterAggregation.Count or MeterAggregation.Sum;
}
