namespace UsageFunctions.Tests.Infrastructure;

/// <summary>A test class with a fresh app (its own tables, its own clock) for every test, disposed after it.</summary>
public abstract class AppTest : IDisposable
{
    protected UsageAppFactory App { get; } = new();

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}
