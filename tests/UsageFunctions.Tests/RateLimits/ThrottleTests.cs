using UsageFunctions.App.RateLimits;

namespace UsageFunctions.Tests.RateLimits;

public sealed class ThrottleTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(50, 1)]
    [InlineData(1000, 1)]
    [InlineData(1001, 2)]
    [InlineData(59_990, 60)]
    public void RetryAfterIsWholeSecondsRoundedUpAndNeverZero(int milliseconds, int seconds) =>
        Assert.Equal(seconds, Throttle.SecondsToWait(TimeSpan.FromMilliseconds(milliseconds)));
}
