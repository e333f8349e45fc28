namespace Reception.Dashboard.Client;

/// <summary>
/// Delays between connection attempts: doubling from the first, capped, each drawn at random between
/// a fifth of it and all of it, so a thousand screens that lost the server together do not return
/// together. Never below 50 ms, so a zero setting cannot make a tight loop.
/// </summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max)
    {
        var ceiling = Math.Min(Math.Max(max.TotalMilliseconds, 50), Math.Max(first.TotalMilliseconds, 50) * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Math.Max(50, ceiling * (0.2 + 0.8 * Random.Shared.NextDouble())));
    }
}
