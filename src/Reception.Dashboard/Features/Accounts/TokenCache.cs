using System.Collections.Concurrent;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Each token's last successful check, so that an integration's every request does not read the
/// token, its user and its role again (three queries, about a seventh of a write's cost, measured
/// in issue 16). An entry counts only while <see cref="AccessChanges"/> has not moved since it was read,
/// and for <see cref="MaxAge"/> at most, for changes this process cannot see (a role row edited by
/// hand, another process on the same file). Only usable tokens are kept, so unknown secrets cannot fill it.
/// </summary>
public sealed class TokenCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public Entry? Find(string hash, long generation, DateTime now)
    {
        if (!_entries.TryGetValue(hash, out var entry))
        {
            return null;
        }

        if (entry.Generation == generation && now - entry.ReadAt < MaxAge)
        {
            return entry;
        }

        _entries.TryRemove(KeyValuePair.Create(hash, entry));
        return null;
    }

    public void Remember(string hash, Entry entry) => _entries[hash] = entry;

    public sealed record Entry(AccessToken Token, User User, long Generation, DateTime ReadAt);
}
