using System.Globalization;

namespace UsageFunctions.Bench;

/// <summary>Linux only: what /proc says about a process by id; null where /proc is missing or the process has gone.</summary>
public static class ProcFs
{
    /// <summary>The peak resident set size (VmHWM) in bytes.</summary>
    public static long? PeakResidentBytes(int pid) => StatusBytes(pid, "VmHWM:");

    /// <summary>The current resident set size (VmRSS) in bytes.</summary>
    public static long? ResidentBytes(int pid) => StatusBytes(pid, "VmRSS:");

    /// <summary>User + system CPU seconds used so far (from /proc/{pid}/stat, at 100 ticks a second).</summary>
    public static double? CpuSeconds(int pid)
    {
        var text = Lines($"/proc/{pid}/stat")?.FirstOrDefault();
        if (text is null) return null;
        // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>A "Name:   123 kB" line of /proc/{pid}/status, in bytes.</summary>
    private static long? StatusBytes(int pid, string field)
    {
        var line = Lines($"/proc/{pid}/status")?.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        if (line is null) return null;
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static string[]? Lines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
