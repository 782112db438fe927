namespace UsageFunctions.App.Dashboard;

/// <summary>
/// The usage dashboard: a static page and its scripts, shipped with the app. It reads only the public usage APIs with
/// the key its user pastes, so these functions need no key and read no storage.
/// </summary>
public sealed class DashboardFunctions(DashboardAssets assets)
{
    [Function("Dashboard")]
    public IResult GetPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "dashboard")] HttpRequest req) =>
        assets.Serve(DashboardAssets.Page);

    [Function("DashboardAsset")]
    public IResult GetAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "dashboard/{file}")] HttpRequest req, string file) =>
        assets.Serve(file);
}
