using System.Text.Json;

namespace Reception.Dashboard.Client.Contracts;

/// <summary>
/// The one envelope that carries every change on a site's board, in site sequence order.
/// </summary>
/// <param name="Seq">The site's sequence number: consecutive, starting at 1, never reused within an <paramref name="Epoch"/>.</param>
/// <param name="Epoch">Identifies the database's event history; a new epoch means sequence numbers started again.</param>
/// <param name="SiteId">The site the event belongs to.</param>
/// <param name="VisitId">The visit the event belongs to, when it belongs to one.</param>
/// <param name="Type">The event kind, one of <see cref="EventTypes"/>.</param>
/// <param name="At">When the change was written, in UTC (read inside its transaction, just before commit).</param>
/// <param name="Actor">Who caused the change, when known.</param>
/// <param name="Data">The typed payload for <paramref name="Type"/>; read it with <see cref="DataAs{T}"/>. Never holds personal data.</param>
public sealed record BoardEvent(
    long Seq,
    Guid Epoch,
    Guid SiteId,
    Guid? VisitId,
    string Type,
    DateTime At,
    Actor? Actor,
    JsonElement Data)
{
    /// <summary>Reads <see cref="Data"/> as the record that belongs to <see cref="Type"/>.</summary>
    public T DataAs<T>() => Data.Deserialize<T>(BoardJson.Options)
        ?? throw new JsonException($"Event {Seq} of type '{Type}' has no data.");
}

/// <summary>Who caused an event: a user or an access token, and the role they acted in.</summary>
public sealed record Actor(string Kind, string Id, string? Role);

/// <summary>Sent to a site's subscribers every few seconds so they can detect a lost event or a stale connection.</summary>
/// <param name="SiteId">The site.</param>
/// <param name="Epoch">The site's current event history.</param>
/// <param name="LastSeq">The last sequence number the server has published for the site.</param>
/// <param name="At">The server's time, in UTC.</param>
public sealed record Heartbeat(Guid SiteId, Guid Epoch, long LastSeq, DateTime At);

/// <summary>Where a site's event stream stands: its epoch and last sequence number.</summary>
public sealed record StreamPosition(Guid SiteId, Guid Epoch, long LastSeq);

/// <summary>A page of events after a sequence number, for catching up.</summary>
/// <param name="Epoch">The site's current event history; if it differs from the one a client holds, the client must reload its snapshot.</param>
/// <param name="Events">The events, in sequence order.</param>
/// <param name="LastSeq">The site's last committed sequence number when the page was read.</param>
/// <param name="HasMore">Whether events after the last one in this page exist.</param>
public sealed record EventPage(Guid Epoch, IReadOnlyList<BoardEvent> Events, long LastSeq, bool HasMore);
