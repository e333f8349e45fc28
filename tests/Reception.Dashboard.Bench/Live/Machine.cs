using System.Globalization;
using System.Runtime.InteropServices;

namespace Reception.Dashboard.Bench.Live;

/// <summary>The machine a run was measured on: figures mean little without it.</summary>
public sealed record MachineInfo(int Cores, string Cpu, long MemoryMiB, string Os, string DotNet)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        Proc.CpuModel(),
        Proc.Kilobytes("/proc/meminfo", "MemTotal:") / 1024,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);
}

/// <summary>Reads Linux's /proc files.</summary>
public static class Proc
{
    /// <summary>A process's resident set (VmRSS) in KiB: what it holds in memory, the GC's free space included.</summary>
    public static long RssKilobytes(int processId) => Kilobytes($"/proc/{processId}/status", "VmRSS:");

    /// <summary>A "Field:   1234 kB" line's number.</summary>
    public static long Kilobytes(string path, string field)
    {
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{path} has no {field} line.");
        var value = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    public static string CpuModel()
    {
        const string path = "/proc/cpuinfo";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
