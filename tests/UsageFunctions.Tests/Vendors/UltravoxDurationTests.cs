using UsageFunctions.App.Vendors.Ultravox;

namespace UsageFunctions.Tests.Vendors;

public sealed class UltravoxDurationTests
{
    [Theory]
    [InlineData(90.0, "90s")]
    [InlineData(0.384, "0.384s")]
    [InlineData(1234.5, "1234.5s")]
    [InlineData(0.0, "0s")]
    [InlineData(0.0000004, "0s")]
    [InlineData(2.0000005, "2.000001s")]
    public void DurationsAreSecondsWithTrimmedMicroseconds(double seconds, string expected) =>
        Assert.Equal(expected, UltravoxDuration.Format(seconds));

    [Theory]
    [InlineData("300s", 300.0)]
    [InlineData("0.5s", 0.5)]
    [InlineData("0.123456789s", 0.123456789)]
    public void ProtobufDurationsParse(string text, double seconds)
    {
        Assert.True(UltravoxDuration.TryParse(text, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("300")]
    [InlineData("-5s")]
    [InlineData("5m")]
    [InlineData("1.1234567891s")]
    [InlineData(".5s")]
    [InlineData("")]
    public void AnythingElseIsNotADuration(string text) => Assert.False(UltravoxDuration.TryParse(text, out _));
}
