using UsageFunctions.App.Auth;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Diagnostics;

/// <summary>The storage requests this instance has sent (admin key).</summary>
[RequiresAdminKey]
public sealed class DiagnosticsFunctions(StorageRequestCounter counter)
{
    [Function("StorageDiagnostics")]
    public IResult GetStorage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/manage/diagnostics/storage")] HttpRequest req) =>
        DiagnosticsApi.GetStorage(counter);
}
