using Azure.Data.Tables;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Tests.Storage;

public class StorageKeyTests
{
    [Theory]
    [InlineData("plain-id_1.2")]
    [InlineData("a/b\\c#d?e")]
    [InlineData("tilde~percent%")]
    [InlineData("tab\tnewline\n")]
    [InlineData("ünïcødé ☎")]
    public void EscapedKeysHoldNoForbiddenCharactersAndRoundTrip(string value)
    {
        var key = StorageKeys.Escape(value);
        Assert.DoesNotMatch(@"[/\\#?~\x00-\x1f\x7f-\x9f]", key);
        Assert.Equal(value, StorageKeys.Unescape(key));
    }

    [Fact]
    public void BatchesHoldOnePartitionAndAtMostOneHundredOperations()
    {
        var entities = Enumerable.Range(0, 250).Select(i => new TableEntity(i % 3 == 0 ? "a" : "b", i.ToString()));
        var batches = BatchWriter.Partition(entities, e => e.PartitionKey).ToList();
        Assert.All(batches, b => Assert.Single(b.Select(e => e.PartitionKey).Distinct()));
        Assert.All(batches, b => Assert.InRange(b.Count, 1, 100));
        Assert.Equal(250, batches.Sum(b => b.Count));
        Assert.Equal(3, batches.Count); // 84 in "a"; 166 in "b" split 100 + 66
    }

    [Fact]
    public void RawEventPartitionsSpreadOneAccountHoursSourcesOverShards()
    {
        var hour = new DateTimeOffset(2026, 11, 20, 12, 30, 0, TimeSpan.Zero);
        var partitions = Enumerable.Range(0, 50)
            .Select(i => RawEventKeys.Partition("acct_1", hour, RawEventKeys.ShardOf($"/producers/{i}", 4)))
            .Distinct().Order().ToList();
        Assert.Equal(["acct_1~2026112012~00", "acct_1~2026112012~01", "acct_1~2026112012~02", "acct_1~2026112012~03"], partitions);
    }

    [Theory]
    [InlineData("/bench/producer-", 4)]
    [InlineData("/calls/worker-", 4)]
    [InlineData("https://example.com/instances/", 8)]
    [InlineData("urn:producer:", 16)]
    public void NumberedProducersOfOneKindSpreadOverAsManyShards(string prefix, int shards)
    {
        var used = Enumerable.Range(0, shards).Select(i => RawEventKeys.ShardOf(prefix + i, shards)).Distinct().Count();
        Assert.Equal(shards, used);
    }

    [Fact]
    public void SourcesWithoutANumberSpreadEvenlyByHash()
    {
        var counts = new int[4];
        foreach (var i in Enumerable.Range(0, 4_000)) counts[RawEventKeys.ShardOf($"/region/{(char)('a' + i % 26)}{i * 7919:x}z", 4)]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1_150));
    }

    [Fact]
    public void OneSourceAlwaysLandsInOneShard()
    {
        Assert.Single(Enumerable.Range(0, 20).Select(_ => RawEventKeys.ShardOf("/calls/eu-west", 4)).Distinct());
        Assert.Equal(0, RawEventKeys.ShardOf("/calls/eu-west", 1));
        Assert.Single(Enumerable.Range(0, 20).Select(_ => RawEventKeys.ShardOf("/calls/worker-12", 4)).Distinct());
        Assert.Equal(0, RawEventKeys.ShardOf("/calls/worker-12", 1));
    }
}
