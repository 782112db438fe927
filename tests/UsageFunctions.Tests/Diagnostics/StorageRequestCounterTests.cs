using Azure.Core;
using UsageFunctions.Storage;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Diagnostics;

public sealed class StorageRequestCounterTests
{
    [Theory]
    [InlineData("POST", "/devstoreaccount1/$batch", "batch", "$batch")]
    [InlineData("POST", "/devstoreaccount1/Tables", "table", "Tables")]
    [InlineData("GET", "/devstoreaccount1/pRawEvents()", "query", "pRawEvents")]
    [InlineData("GET", "/pApiKeys(PartitionKey='k',RowKey='')", "query", "pApiKeys")]
    [InlineData("PUT", "/devstoreaccount1/pChangedHours(PartitionKey='a',RowKey='b')", "update", "pChangedHours")]
    [InlineData("DELETE", "/pRawEvents(PartitionKey='a',RowKey='b')", "delete", "pRawEvents")]
    public void RequestsAreClassifiedByTheirRequestLine(string method, string path, string kind, string table) =>
        Assert.Equal((kind, table), StorageRequestCounter.Classify(RequestMethod.Parse(method), path));

    [Fact]
    public async Task EveryRetryIsCountedAsARequest()
    {
        using var proxy = new StorageProxy(AzuriteServer.ConnectionString);
        proxy.Cut();
        var counter = new StorageRequestCounter();
        var options = new TableStorageOptions { ConnectionString = proxy.ConnectionString };
        var service = StorageServiceCollectionExtensions.CreateServiceClient(options, counter);

        await Assert.ThrowsAnyAsync<Exception>(() => service.GetTableClient("retries").CreateIfNotExistsAsync());

        // The client makes one attempt and its retries (Storage:MaxRetries), each a billable request.
        Assert.Equal(1 + options.MaxRetries, counter.Snapshot().Requests);
        Assert.Equal(1 + options.MaxRetries, counter.Snapshot().ByKind["table"]);
    }
}
