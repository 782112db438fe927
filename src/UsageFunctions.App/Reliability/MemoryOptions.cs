using System.ComponentModel.DataAnnotations;

namespace UsageFunctions.App.Reliability;

/// <summary>When an instance that has gone quiet gives the memory of its last burst back to the OS.</summary>
public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary>How often the worker checks whether it is idle; 0 turns the trim off.</summary>
    [Range(0, 600)]
    public int IdleTrimSeconds { get; set; } = 10;

    /// <summary>Allocating less than this many megabytes over one check counts as idle.</summary>
    [Range(1, 1024)]
    public int IdleAllocationMegabytes { get; set; } = 4;
}
