using System.Globalization;

namespace UsageFunctions.Bench;

/// <summary>
/// One figure measured in several rounds: the median of the rounds and their range, so a ratio is read with its noise
/// beside it (<c>0.93 (0.88–0.97)</c>).
/// </summary>
public sealed record Spread(double Median, double Min, double Max, double[] Rounds)
{
    public static Spread Of(IEnumerable<double> rounds)
    {
        var values = rounds.ToArray();
        if (values.Length == 0) throw new ArgumentException("A spread needs at least one round.", nameof(rounds));
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1], values);
    }

    /// <summary>Each round's <paramref name="product"/> over the same round's <paramref name="bare"/>.</summary>
    public static Spread Ratio(IReadOnlyList<double> product, IReadOnlyList<double> bare) =>
        Of(product.Zip(bare, (p, b) => b > 0 ? p / b : double.NaN));

    public string Format(string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median.ToString(format, CultureInfo.InvariantCulture)} ({Min.ToString(format, CultureInfo.InvariantCulture)}–{Max.ToString(format, CultureInfo.InvariantCulture)})");

    public string Percent() => Format("0.0 %");
}

/// <summary>The methodology every comparison in the bench follows.</summary>
public static class Method
{
    /// <summary>Rounds of each side of a comparison; the report gives their median and range.</summary>
    public const int Rounds = 3;
}
