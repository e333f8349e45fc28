using System.Collections.Concurrent;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Each token's last successful check, so that an integration's every request does not read the
/// token, its user and its role again (three queries, about a seventh of a write's cost, measured
/// in issue 16). An entry counts only while <see cref="AccessChanges"/> has not moved since it was read.
/// Only tokens that passed are kept, so unknown secrets cannot fill it.
/// </summary>
public sealed class TokenCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public Entry? Find(string hash, long generation) =>
        _entries.TryGetValue(hash, out var entry) && entry.Generation == generation ? entry : null;

    public void Remember(string hash, Entry entry) => _entries[hash] = entry;

    public sealed record Entry(AccessToken Token, User User, long Generation);
}
