namespace UsageFunctions.Tests.Admin;

/// <summary>The request classifier the scale tests rely on reads filters the way the service plans them.</summary>
public sealed class StorageReadKindsTests
{
    [Theory]
    [InlineData("GET", "t1Accounts(PartitionKey='acct_a',RowKey='profile')", null, StorageReadKind.PointRead)]
    [InlineData("GET", "t1ApiKeys()", "PartitionKey eq 'account~acct_a'", StorageReadKind.SinglePartition)]
    [InlineData("GET", "t1Accounts()", "PartitionKey eq 'acct_a' and RowKey gt 'whsec~' and RowKey lt 'whsec~~'", StorageReadKind.SinglePartition)]
    [InlineData("GET", "t1RawEvents()", "PartitionKey eq 'p' and (RowKey eq 'a' or RowKey eq 'b')", StorageReadKind.SinglePartition)]
    [InlineData("GET", "t1RawEvents()", "PartitionKey gt 'acct_a~' and PartitionKey lt 'acct_a~~'", StorageReadKind.PartitionRange)]
    [InlineData("GET", "t1Accounts()", "RowKey eq 'profile'", StorageReadKind.Scan)]
    [InlineData("GET", "t1ApiKeys()", "AccountId eq 'acct_a'", StorageReadKind.Scan)]
    [InlineData("GET", "t1ApiKeys()", null, StorageReadKind.Scan)]
    [InlineData("GET", "t1Accounts()", "RowKey eq 'profile' or PartitionKey eq 'accounts~index'", StorageReadKind.Scan)]
    [InlineData("GET", "t1Accounts()", "PartitionKey eq 'a' and RowKey eq 'x' or RowKey eq 'y'", StorageReadKind.Scan)]
    [InlineData("GET", "t1Accounts()", "PartitionKey eq 'a' or PartitionKey eq 'b'", StorageReadKind.Scan)]
    [InlineData("GET", "t1Accounts()", "RowKey eq 'PartitionKey eq ''x'''", StorageReadKind.Scan)]
    [InlineData("POST", "t1Accounts", null, StorageReadKind.NotARead)]
    [InlineData("GET", "Tables('t1Accounts')", null, StorageReadKind.NotARead)]
    public void FiltersAreClassifiedByThePartitionsTheServiceReads(string method, string resource, string? filter, StorageReadKind kind) =>
        Assert.Equal(kind, StorageReadKinds.Of(method, resource, filter));

    [Fact]
    public void ThePartitionOfAReadIsItsUnescapedKey()
    {
        Assert.Equal("acct_a", new StorageRequest("GET", "t1Accounts(PartitionKey='acct_a',RowKey='profile')", null, 1).Partition);
        Assert.Equal("o'k", new StorageRequest("GET", "t1ApiKeys()", "PartitionKey eq 'o''k' and RowKey ge 'a'", 0).Partition);
        Assert.Null(new StorageRequest("GET", "t1ApiKeys()", "RowKey eq 'key'", 3).Partition);
    }
}
