namespace UsageFunctions.Bench;

public static class RepositoryRoot
{
    /// <summary>The folder holding UsageFunctions.sln, found upwards from the binaries or the current directory.</summary>
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "UsageFunctions.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the bench from inside the repository.");
    }
}
