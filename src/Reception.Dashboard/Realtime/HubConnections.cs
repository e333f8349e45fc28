using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Reception.Dashboard.Realtime;

/// <summary>
/// The open hub connections of each user and device, so that a role change, a disabled account, a
/// revoked token or a revoked device closes them at once; the client then reconnects with what it may still do.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byKey = new();

    public void Add(HubCallerContext context)
    {
        foreach (var key in context.User?.ConnectionKeys() ?? [])
        {
            _byKey.GetOrAdd(key, _ => new()).TryAdd(context.ConnectionId, context);
        }
    }

    public void Remove(HubCallerContext context)
    {
        foreach (var key in context.User?.ConnectionKeys() ?? [])
        {
            if (_byKey.TryGetValue(key, out var connections))
            {
                connections.TryRemove(context.ConnectionId, out _);
            }
        }
    }

    /// <summary>Closes the connections of a user, of one of their sessions, or of a device (a wall screen, or whoever signed in on a phone).</summary>
    public void AbortAll(Guid userOrDeviceId)
    {
        if (_byKey.TryRemove(userOrDeviceId, out var connections))
        {
            foreach (var connection in connections.Values)
            {
                connection.Abort();
            }
        }
    }
}
