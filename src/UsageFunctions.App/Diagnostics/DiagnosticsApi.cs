using Microsoft.AspNetCore.Http.HttpResults;
using UsageFunctions.App.Admin;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Diagnostics;

/// <summary>
/// <c>GET /api/manage/diagnostics/storage</c> (admin key): the storage requests this instance has sent since it
/// started, which is what Table Storage bills as transactions. Benchmarks read it before and after a workload.
/// </summary>
public static class DiagnosticsApi
{
    public static Ok<StorageRequestCounts> GetStorage(StorageRequestCounter counter) => TypedResults.Ok(counter.Snapshot());
}
