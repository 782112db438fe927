using UsageFunctions.Bench;

namespace UsageFunctions.Tests.Bench;

/// <summary>The bench's rounds: a median with its range, and ratios taken round by round.</summary>
public sealed class SpreadTests
{
    [Fact]
    public void TheMedianOfAnOddNumberOfRoundsIsTheMiddleOneAndTheRangeSpansThemAll()
    {
        var spread = Spread.Of([30.0, 10.0, 20.0]);

        Assert.Equal((20.0, 10.0, 30.0), (spread.Median, spread.Min, spread.Max));
        Assert.Equal([30.0, 10.0, 20.0], spread.Rounds);
    }

    [Fact]
    public void TheMedianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() =>
        Assert.Equal(25.0, Spread.Of([40.0, 10.0, 20.0, 30.0]).Median);

    [Fact]
    public void ARatioIsTakenWithinEachRoundBeforeTheMedian()
    {
        // Round by round: 0.5, 1.0, 0.8 → median 0.8; a ratio of the medians (90 ÷ 100) would hide the rounds' pairing.
        var ratio = Spread.Ratio([50.0, 90.0, 120.0], [100.0, 90.0, 150.0]);

        Assert.Equal((0.8, 0.5, 1.0), (ratio.Median, ratio.Min, ratio.Max));
    }

    [Fact]
    public void APercentIsPrintedWithItsRange() =>
        Assert.Equal("80.0 % (50.0 %–100.0 %)", Spread.Of([0.5, 0.8, 1.0]).Percent());
}
